package io.headroom.proxy;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.ProxyCall;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.pricing.PriceMatch;
import io.headroom.domain.pricing.PriceTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a proxied call means for the rest of Headroom: a usage event keyed like Claude Code's
 * transcripts (message id + request-id), an error event, and official utilization samples from
 * the unified headers (fractions there, percent here).
 */
public final class ProxyEvents {

    static final String UNIFIED = "anthropic-ratelimit-unified-";

    private ProxyEvents() {
    }

    public static Optional<UsageEvent> usage(ProxyCall c, PriceTable prices) {
        ProxyCall.Usage u = c.usage();
        if (u == null || c.model() == null) {
            return Optional.empty();
        }
        Instant at = Instant.ofEpochMilli(c.startedAtMs());
        TokenCounts tokens = new TokenCounts(u.input(), u.output(), u.cacheWrite5m(), u.cacheWrite1h(), u.cacheRead());
        Speed speed = Speed.fromCode(c.speed());
        PriceMatch match = prices.resolve(c.model(), at);
        double cost = prices.cost(match.price(), tokens, speed);
        return Optional.of(new UsageEvent(UsageEvent.dedupKey(c.messageId(), c.requestId(), "proxy:" + c.callId()),
                UsageSource.PROXY, Provenance.MEASURED, at, c.model(), tokens, u.webSearchRequests(),
                u.webFetchRequests(), speed, cost, match.price().id(), match.isEstimate(), null, c.sessionId(),
                c.messageId(), c.requestId(), false, c.incomplete()));
    }

    public static Optional<ErrorEvent> error(ProxyCall c) {
        if (c.errorType() == null && c.status() < 400) {
            return Optional.empty();
        }
        String type = c.errorType();
        ErrorCategory category;
        LimitWindow window = null;
        Instant resetAt = null;
        String summary = type;
        if ("rate_limit_error".equals(type) || (type == null && c.status() == 429)) {
            String status = c.header(UNIFIED + "status");
            if (status != null) {
                if (status.equals("rejected")) {
                    category = ErrorCategory.USAGE_LIMIT;
                    window = windowOf(c.header(UNIFIED + "representative-claim"));
                    resetAt = epoch(c.header(UNIFIED + "reset"));
                } else {
                    category = ErrorCategory.SERVER_THROTTLE;
                }
            } else {
                category = ErrorCategory.RATE_LIMIT;
            }
            if (c.errorCode() != null) {
                summary = type + " (" + c.errorCode() + ")";
            }
        } else if ("overloaded_error".equals(type) || c.status() == 529) {
            category = ErrorCategory.OVERLOADED;
        } else if ("stream_cut".equals(type) || "upstream_unreachable".equals(type)
                || "upstream_timeout".equals(type) || "client_disconnected".equals(type)) {
            category = ErrorCategory.CONNECTION;
        } else if (c.status() >= 500 || "api_error".equals(type)) {
            category = ErrorCategory.SERVER_ERROR;
        } else {
            category = ErrorCategory.OTHER;
        }
        return Optional.of(new ErrorEvent(ErrorEvent.dedupKey(c.requestId(), "proxy:" + c.callId()), UsageSource.PROXY,
                Instant.ofEpochMilli(c.startedAtMs()),
                category, type, c.status(), window, resetAt, summary, null, c.sessionId(), c.requestId()));
    }

    /** The 5-hour and weekly figures of the unified headers, as percent. */
    public static List<UtilizationSample> samples(ProxyCall c) {
        List<UtilizationSample> out = new ArrayList<>(2);
        add(out, c, "5h", LimitWindow.FIVE_HOUR);
        add(out, c, "7d", LimitWindow.WEEKLY);
        return out;
    }

    private static void add(List<UtilizationSample> out, ProxyCall c, String name, LimitWindow window) {
        String utilization = c.header(UNIFIED + name + "-utilization");
        if (utilization == null) {
            return;
        }
        double fraction;
        try {
            fraction = Double.parseDouble(utilization);
        } catch (NumberFormatException e) {
            return;
        }
        out.add(new UtilizationSample("proxy:" + c.callId() + ":" + name, UsageSource.PROXY, Provenance.OFFICIAL,
                Instant.ofEpochMilli(c.startedAtMs()), window, fraction * 100.0,
                epoch(c.header(UNIFIED + name + "-reset")), c.header(UNIFIED + name + "-status"), c.sessionId(),
                c.model()));
    }

    private static LimitWindow windowOf(String claim) {
        if (claim == null) {
            return LimitWindow.UNSPECIFIED;
        }
        return switch (claim) {
            case "five_hour" -> LimitWindow.FIVE_HOUR;
            case "seven_day", "seven_day_overage_included" -> LimitWindow.WEEKLY;
            default -> LimitWindow.UNSPECIFIED;
        };
    }

    static Instant epoch(String seconds) {
        if (seconds == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
