package io.headroom.domain.telemetry;

import java.time.Instant;

/**
 * One data point of Claude Code's {@code claude_code.token.usage} metric: the tokens of one type
 * and model in one session between {@code start} and {@code end}. Delta points hold what is new
 * since the previous export; cumulative points (when the user asks Claude Code for them) hold
 * the running total since {@code start}. Only a cross-check of the api_request events, never
 * counted as usage.
 *
 * @param type input, output, cacheRead or cacheCreation, as Claude Code names them
 */
public record TokenPoint(String sessionId, String model, String type, Instant start, Instant end, long tokens,
        boolean cumulative) {
}
