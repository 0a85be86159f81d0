package io.headroom.sources.oauth;

import io.headroom.sources.UsageRequest;
import io.headroom.sources.BaseUrl;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code GET {base}/api/oauth/usage} with Claude Code's login, the way Claude Code's own
 * {@code /usage} asks (reference section 9). The base is {@code HEADROOM_USAGE_BASE_URL} when set
 * (tests, corporate gateways), else Anthropic's API. One request never takes longer than
 * {@code timeout}, connecting and reading included, so a slow answer cannot hold up a refresh.
 */
public final class UsageEndpoint {

    public static final String BASE_URL_ENV = "HEADROOM_USAGE_BASE_URL";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String PATH = "/api/oauth/usage";
    public static final String BETA = "oauth-2025-04-20";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** After a 429 nobody asks again for at least this long, whatever Retry-After says. */
    public static final Duration MIN_BACKOFF = Duration.ofMinutes(5);

    /** Two threads serve every request: one at a time is the norm, and the client never blocks them. */
    private static final ExecutorService HTTP = BackgroundWork.pool("headroom-usage-http", 2);

    private final URI uri;
    private final Duration timeout;
    private final UsageRequest http;
    /** Why this endpoint asks nobody (a malformed base in the environment), or null. */
    private final String misconfigured;

    public UsageEndpoint(URI base, Duration timeout) {
        this(base, timeout, null);
    }

    private UsageEndpoint(URI base, Duration timeout, String misconfigured) {
        this.misconfigured = misconfigured;
        this.uri = URI.create(BaseUrl.withoutTrailingSlash(base) + PATH);
        this.timeout = timeout;
        this.http = new UsageRequest(timeout, HTTP);
    }

    /** The base from the environment; a malformed override is refused with a message, not used. */
    public static URI baseFrom(Map<String, String> env) {
        return BaseUrl.from(env, BASE_URL_ENV, DEFAULT_BASE_URL);
    }

    /**
     * The endpoint at the base the environment names; a malformed {@code HEADROOM_USAGE_BASE_URL} gives
     * an endpoint that asks nobody and says why, rather than falling back to Anthropic behind the user's back.
     */
    public static UsageEndpoint fromEnv(Map<String, String> env, Duration timeout) {
        try {
            return new UsageEndpoint(baseFrom(env), timeout);
        } catch (IllegalArgumentException e) {
            return new UsageEndpoint(URI.create("http://invalid.invalid"), timeout, e.getMessage() + ".");
        }
    }

    public URI uri() {
        return uri;
    }

    /** @param now the refresh's instant: the reading's time and the base of a Retry-After in seconds */
    public UsageAnswer ask(AccessToken token, Instant now) {
        if (misconfigured != null) {
            return new UsageAnswer.Failed(misconfigured);
        }
        UsageRequest.Outcome outcome = http.get(uri, "Authorization", token.bearer(), "anthropic-beta", BETA);
        if (outcome instanceof UsageRequest.TimedOut) {
            return slow();
        }
        if (outcome instanceof UsageRequest.Interrupted) {
            return new UsageAnswer.Failed("Interrupted while asking " + uri.getHost() + " for the usage.");
        }
        if (outcome instanceof UsageRequest.Unreachable u) {
            // Exception messages from the client name the host at most, never the request's headers.
            Throwable cause = u.cause();
            return new UsageAnswer.Failed("Cannot reach " + uri.getHost() + " for the usage ("
                    + (cause instanceof IOException ? describe(cause) : cause.getClass().getSimpleName()) + ").");
        }
        HttpResponse<String> response = ((UsageRequest.Answered) outcome).response();
        int status = response.statusCode();
        if (status == 200) {
            return new UsageAnswer.Read(response.body(), now);
        }
        if (status == 401) {
            return new UsageAnswer.Unauthorized();
        }
        if (status == 429) {
            return new UsageAnswer.RateLimited(askAgainAt(response.headers().firstValue("Retry-After").orElse(null),
                    now));
        }
        if (status == 403) {
            return new UsageAnswer.Failed("The usage endpoint refused this login (403): it may lack the usage scope,"
                    + " as a token from `claude setup-token` does.");
        }
        return new UsageAnswer.Failed("The usage endpoint answered " + status + (status >= 500
                ? " (a problem on Anthropic's side); Headroom asks again later." : "."));
    }

    private UsageAnswer slow() {
        return new UsageAnswer.Failed("The usage endpoint did not answer within " + timeout.toSeconds() + " s.");
    }

    private static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.nio.channels.UnresolvedAddressException || e.getCause() instanceof
                java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        return name;
    }

    /**
     * Retry-After in seconds or as an HTTP-date; absent, unreadable or shorter than
     * {@link #MIN_BACKOFF}, the backoff is {@link #MIN_BACKOFF}, because after a 429 the endpoint
     * can refuse requests for up to an hour.
     */
    public static Instant askAgainAt(String retryAfter, Instant now) {
        Instant floor = now.plus(MIN_BACKOFF);
        if (retryAfter == null || retryAfter.isBlank()) {
            return floor;
        }
        String v = retryAfter.strip();
        Instant asked;
        try {
            long seconds = Long.parseLong(v);
            asked = seconds < 0 ? floor : now.plusSeconds(Math.min(seconds, Duration.ofDays(1).toSeconds()));
        } catch (NumberFormatException notSeconds) {
            try {
                asked = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notADate) {
                return floor;
            }
            if (asked.isAfter(now.plus(Duration.ofDays(1)))) {
                asked = now.plus(Duration.ofDays(1));
            }
        }
        return asked.isAfter(floor) ? asked : floor;
    }
}
