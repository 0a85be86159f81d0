package io.headroom.service;

import io.headroom.domain.ProxyCall;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.proxy.ApiHeadroom;
import io.headroom.proxy.ProxyEvents;
import io.headroom.store.ProxyCallStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What the proxy recorded, summed up for people watching their API headroom: recent calls, the
 * RPM/ITPM/OTPM headroom of the key and model class used last, error rates over the last hour and
 * day, and the cache hit rate. The {@code headroom api} command and the dashboard's API tab both
 * read it from here.
 */
public final class ApiActivity {

    /** How far back the dashboard loads calls: the longest error-rate span. */
    public static final Duration HISTORY = Duration.ofDays(1);
    public static final int RECENT = 200;

    /** Calls, and how many were 429, 529/overloaded, and other 5xx. */
    public record ErrorRates(long calls, long rateLimited, long overloaded, long serverErrors) {
        public double rate(long count) {
            return calls == 0 ? 0 : (double) count / calls;
        }
    }

    /**
     * @param recent       newest first, at most {@link #RECENT}
     * @param headroom     one row per key and model class (last minute against the header limits)
     * @param current      the row of the key and model class used last, or null
     * @param cacheHitRate cache reads over all input of the last hour, null without input
     */
    public record Snapshot(Instant at, List<ProxyCall> recent, List<ApiHeadroom.Row> headroom, ApiHeadroom.Row current,
            ErrorRates lastHour, ErrorRates lastDay, Double cacheHitRate) {
    }

    private final Workspace workspace;

    ApiActivity(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Calls that started in the {@code span} before {@code now}, oldest first. */
    public List<ProxyCall> calls(Instant now, Duration span) {
        return new ProxyCallStore(workspace.database()).calls(now.minus(span), now.plusMillis(1));
    }

    /** Headroom per key and model class at {@code now}, figures over {@code window}. */
    public List<ApiHeadroom.Row> headroom(Instant now, Duration window) {
        return ApiHeadroom.compute(calls(now, window), now, window, workspace.plans().catalog().apiTiers());
    }

    public List<PlanCatalog.ApiTier> tiers() {
        return workspace.plans().catalog().apiTiers();
    }

    /** The API-equivalent cost of a call with the user's price table, or null without usage or a price. */
    public static Double cost(ProxyCall call, PriceTable prices) {
        return ProxyEvents.usage(call, prices).map(UsageEvent::costUsd).orElse(null);
    }

    public PriceTable prices() {
        return workspace.prices().table();
    }

    /** Sums up {@code calls} (any order, no duplicates) as seen at {@code now}. */
    public static Snapshot summarize(Collection<ProxyCall> calls, Instant now, List<PlanCatalog.ApiTier> tiers) {
        List<ProxyCall> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparingLong(ProxyCall::startedAtMs).reversed());
        List<ProxyCall> recent = List.copyOf(sorted.subList(0, Math.min(RECENT, sorted.size())));
        List<ApiHeadroom.Row> rows = ApiHeadroom.compute(new ArrayList<>(calls), now, Duration.ofHours(1), tiers);
        long end = now.toEpochMilli();
        long hourStart = end - Duration.ofHours(1).toMillis();
        ApiHeadroom.Row current = null;
        long inputs = 0;
        long reads = 0;
        for (ProxyCall c : sorted) {
            if (c.startedAtMs() < hourStart || c.startedAtMs() > end) {
                continue;
            }
            if (current == null) {
                current = rowOf(c, rows);
            }
            ProxyCall.Usage u = c.usage();
            if (u != null) {
                inputs += u.input() + u.cacheWrite5m() + u.cacheWrite1h() + u.cacheRead();
                reads += u.cacheRead();
            }
        }
        return new Snapshot(now, recent, rows, current, errors(sorted, hourStart, end),
                errors(sorted, end - Duration.ofDays(1).toMillis(), end), inputs == 0 ? null : (double) reads / inputs);
    }

    private static ApiHeadroom.Row rowOf(ProxyCall c, List<ApiHeadroom.Row> rows) {
        String key = c.keyFingerprint() == null ? "(none)" : c.keyFingerprint();
        String model = ApiHeadroom.modelClass(c.model());
        return rows.stream().filter(r -> r.keyFingerprint().equals(key) && r.modelClass().equals(model))
                .findFirst().orElse(null);
    }

    static ErrorRates errors(List<ProxyCall> calls, long fromMs, long toMs) {
        long n = 0;
        long c429 = 0;
        long c529 = 0;
        long c5xx = 0;
        for (ProxyCall c : calls) {
            if (c.startedAtMs() < fromMs || c.startedAtMs() > toMs) {
                continue;
            }
            n++;
            if (c.status() == 429) {
                c429++;
            } else if (c.status() == 529 || "overloaded_error".equals(c.errorType())) {
                c529++;
            } else if (c.status() >= 500) {
                c5xx++;
            }
        }
        return new ErrorRates(n, c429, c529, c5xx);
    }
}
