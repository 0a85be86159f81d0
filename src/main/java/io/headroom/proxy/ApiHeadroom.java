package io.headroom.proxy;

import io.headroom.domain.ProxyCall;
import io.headroom.domain.plans.PlanCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * API headroom per key and model class: the last minute's requests, input and output tokens
 * against the RPM/ITPM/OTPM limits the response headers report, the tier those limits imply,
 * cache hit rate and the ITPM multiplier it gives, 429/529 counts and the retry-after spread.
 * ITPM counts input and cache writes but not cache reads, as Anthropic counts it.
 */
public final class ApiHeadroom {


    /** Figures for one key fingerprint and model class. */
    public record Row(String keyFingerprint, String modelClass, long requests, long inputTokens, long outputTokens,
            Long rpmLimit, Long itpmLimit, Long otpmLimit, String tier, long windowCalls, double cacheHitRate,
            double itpmMultiplier, long count429, long count529, double rate429, double rate529,
            List<Double> retryAfterSeconds) {

        public Double percent(long used, Long limit) {
            return limit == null || limit == 0 ? null : 100.0 * used / limit;
        }
    }

    private ApiHeadroom() {
    }

    /**
     * @param calls  proxied calls of at least the last {@code window}
     * @param now    the end of both windows
     * @param window the span for cache, error and retry-after figures (rates use the last minute)
     */
    /** @param tiers the published tiers, dated, from the plan catalog (plans.json) */
    public static List<Row> compute(List<ProxyCall> calls, Instant now, Duration window, List<PlanCatalog.ApiTier> tiers) {
        long end = now.toEpochMilli();
        long minuteStart = end - 60_000;
        long windowStart = end - window.toMillis();
        Map<String, List<ProxyCall>> groups = new TreeMap<>();
        for (ProxyCall c : calls) {
            if (c.startedAtMs() < windowStart || c.startedAtMs() > end || !c.path().startsWith("/v1/messages")
                    || c.path().startsWith("/v1/messages/count_tokens")) {
                continue;
            }
            String key = (c.keyFingerprint() == null ? "(none)" : c.keyFingerprint()) + "\u0000" + modelClass(c.model());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<ProxyCall>> e : groups.entrySet()) {
            String[] k = e.getKey().split("\u0000", 2);
            List<ProxyCall> group = e.getValue();
            group.sort(Comparator.comparingLong(ProxyCall::startedAtMs));
            long requests = 0;
            long input = 0;
            long output = 0;
            long allInput = 0;
            long countedInput = 0;
            long c429 = 0;
            long c529 = 0;
            List<Double> retryAfter = new ArrayList<>();
            ProxyCall latestWithLimits = null;
            for (ProxyCall c : group) {
                ProxyCall.Usage u = c.usage();
                if (c.startedAtMs() >= minuteStart) {
                    requests++;
                    if (u != null) {
                        input += u.input() + u.cacheWrite5m() + u.cacheWrite1h();
                        output += u.output();
                    }
                }
                if (u != null) {
                    countedInput += u.input() + u.cacheWrite5m() + u.cacheWrite1h();
                    allInput += u.input() + u.cacheWrite5m() + u.cacheWrite1h() + u.cacheRead();
                }
                if (c.status() == 429) {
                    c429++;
                    Double ra = number(c.header("retry-after"));
                    if (ra != null) {
                        retryAfter.add(ra);
                    }
                } else if (c.status() == 529 || "overloaded_error".equals(c.errorType())) {
                    c529++;
                }
                if (c.header("anthropic-ratelimit-requests-limit") != null
                        || c.header("anthropic-ratelimit-input-tokens-limit") != null) {
                    latestWithLimits = c;
                }
            }
            Long rpm = latestWithLimits == null ? null : longOf(latestWithLimits.header("anthropic-ratelimit-requests-limit"));
            Long itpm = latestWithLimits == null ? null
                    : longOf(latestWithLimits.header("anthropic-ratelimit-input-tokens-limit"));
            Long otpm = latestWithLimits == null ? null
                    : longOf(latestWithLimits.header("anthropic-ratelimit-output-tokens-limit"));
            double hit = allInput == 0 ? 0 : (allInput - countedInput) / (double) allInput;
            double multiplier = countedInput == 0 ? (allInput == 0 ? 1 : Double.POSITIVE_INFINITY)
                    : allInput / (double) countedInput;
            retryAfter.sort(null);
            int n = group.size();
            rows.add(new Row(k[0], k[1], requests, input, output, rpm, itpm, otpm, tier(k[1], rpm, itpm, otpm, tiers), n, hit,
                    multiplier, c429, c529, n == 0 ? 0 : c429 / (double) n, n == 0 ? 0 : c529 / (double) n,
                    List.copyOf(retryAfter)));
        }
        return rows;
    }

    /** opus, sonnet, haiku, or the model name itself. */
    public static String modelClass(String model) {
        if (model == null) {
            return "unknown";
        }
        String m = model.toLowerCase(Locale.ROOT);
        for (String family : List.of("opus", "sonnet", "haiku")) {
            if (m.contains(family)) {
                return family;
            }
        }
        return model;
    }

    /** The published tier whose limits for this model class equal the reported ones, else a description. */
    static String tier(String modelClass, Long rpm, Long itpm, Long otpm, List<PlanCatalog.ApiTier> tiers) {
        if (rpm == null && itpm == null) {
            return null;
        }
        for (PlanCatalog.ApiTier t : tiers) {
            PlanCatalog.RateLimits l = t.limits().get(modelClass);
            if (l != null && (rpm == null || rpm == l.rpm()) && (itpm == null || itpm == l.itpm())
                    && (otpm == null || otpm == l.otpm())) {
                return t.name();
            }
        }
        for (PlanCatalog.ApiTier t : tiers) {
            PlanCatalog.RateLimits l = t.limits().get(modelClass);
            if (l != null && rpm != null && rpm == l.rpm()) {
                return t.name() + " (by RPM; token limits differ from the published table)";
            }
        }
        return "custom (not in the published table)";
    }

    private static Long longOf(String s) {
        Double d = number(s);
        return d == null ? null : d.longValue();
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The q-quantile (0..1) of sorted values, nearest rank; null when empty. */
    public static Double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
