package io.headroom.domain.pricing;

/** USD per million tokens for each kind of token. */
public record Rates(double input, double output, double cacheWrite5m, double cacheWrite1h, double cacheRead) {
}
