package io.headroom.domain.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one machine tells a team's monitoring: cumulative totals from the store (recomputed on
 * every scrape or push, so a resend never double counts and a restart loses nothing) and the
 * windows as the Overview shows them. Aggregates only: no prompt text, paths or session ids.
 *
 * @param user    the configured alias of the person (default: the OS user), never an email
 * @param host    the configured alias of the machine (default: the host name)
 * @param since   the store's first event, where the cumulative counters start (null when empty)
 * @param advice  the advisor's recommended option id ("none" when it makes none, "unavailable" when it failed)
 * @param costByProject cost per project label: a hash unless the user allowed names (see {@link ProjectLabel})
 */
public record TeamMetrics(String user, String host, String version, String plan, String advice, List<Tokens> tokens,
        Map<String, Double> costUsd, List<Requests> requests, List<WindowFigures> windows, Map<String, Long> limitHits, double blockedSeconds,
        Map<String, Instant> lastIngest, Instant since, Map<String, Double> costByProject) {

    /** Tokens of one model and type, as Claude Code names the types: input, output, cacheRead, cacheCreation. */
    public record Tokens(String model, String type, long count) {
    }

    /** API calls the proxy saw or Claude Code's telemetry reported, by model and HTTP status. */
    public record Requests(String model, int status, long count) {
    }

    /**
     * One limit window as shown: utilization 0-1 (can exceed 1), its reset and the forecast
     * exhaustion instant; any of them null when not known.
     */
    public record WindowFigures(String window, Double utilization, Instant resetsAt, Instant exhaustsAt) {
    }

    public TeamMetrics {
        tokens = List.copyOf(tokens);
        costUsd = Map.copyOf(costUsd);
        requests = List.copyOf(requests);
        windows = List.copyOf(windows);
        limitHits = Map.copyOf(limitHits);
        lastIngest = Map.copyOf(lastIngest);
        costByProject = Map.copyOf(costByProject);
    }

    /**
     * Time blocked by limit hits: the union of the intervals from each hit to its reset, so two
     * hits on one block count it once.
     */
    public static double blockedSeconds(List<Instant[]> hitToReset) {
        List<Instant[]> sorted = hitToReset.stream().filter(i -> i[0] != null && i[1] != null && i[1].isAfter(i[0]))
                .sorted(java.util.Comparator.comparing((Instant[] i) -> i[0])).toList();
        double total = 0;
        Instant start = null;
        Instant end = null;
        for (Instant[] i : sorted) {
            if (end == null || i[0].isAfter(end)) {
                if (end != null) {
                    total += java.time.Duration.between(start, end).toMillis() / 1000.0;
                }
                start = i[0];
                end = i[1];
            } else if (i[1].isAfter(end)) {
                end = i[1];
            }
        }
        if (end != null) {
            total += java.time.Duration.between(start, end).toMillis() / 1000.0;
        }
        return total;
    }
}
