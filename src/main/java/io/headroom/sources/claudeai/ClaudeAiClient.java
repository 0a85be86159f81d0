package io.headroom.sources.claudeai;

import io.headroom.sources.UsageRequest;
import io.headroom.sources.BaseUrl;
import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.sources.oauth.UsageEndpoint;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * claude.ai's own usage, as the web app asks for it (reference section 9): the organizations
 * ({@code GET {base}/api/organizations}), then {@code GET {base}/api/organizations/{uuid}/usage},
 * both with the cookie {@code sessionKey=…}. The base is {@code HEADROOM_CLAUDE_AI_BASE_URL} when
 * set. Each request is bounded by {@code timeout}, headers and body included.
 */
public final class ClaudeAiClient {

    public static final String BASE_URL_ENV = "HEADROOM_CLAUDE_AI_BASE_URL";
    public static final String DEFAULT_BASE_URL = "https://claude.ai";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ExecutorService HTTP = BackgroundWork.pool("headroom-claude-ai-http", 2);

    private final String base;
    private final Duration timeout;
    private final Supplier<Instant> clock;
    private final UsageRequest http;

    public ClaudeAiClient(URI base, Duration timeout, Supplier<Instant> clock) {
        this.base = BaseUrl.withoutTrailingSlash(base);
        this.timeout = timeout;
        this.clock = clock;
        this.http = new UsageRequest(timeout, HTTP);
    }

    /** The base from the environment; a malformed override is refused with a message, not used. */
    public static URI baseFrom(Map<String, String> env) {
        return BaseUrl.from(env, BASE_URL_ENV, DEFAULT_BASE_URL);
    }

    public String base() {
        return base;
    }

    /**
     * The usage of {@code knownOrganization} when given, else of the first organization that has
     * usage. An organization that answers 404 (or with an unusable body) is skipped; an expired key
     * or a 429 ends the round at once.
     */
    public ClaudeAiAnswer ask(String sessionKey, String knownOrganization) {
        List<String> candidates;
        if (knownOrganization != null) {
            candidates = List.of(knownOrganization);
        } else {
            Reply orgs = get("/api/organizations", sessionKey);
            if (!(orgs.answer instanceof ClaudeAiAnswer.Read)) {
                return orgs.answer;
            }
            try {
                candidates = organizations(((ClaudeAiAnswer.Read) orgs.answer).body());
            } catch (IOException e) {
                return new ClaudeAiAnswer.Failed("claude.ai's list of organizations is not JSON.");
            }
            if (candidates.isEmpty()) {
                return new ClaudeAiAnswer.Failed("This claude.ai account has no organization.");
            }
        }
        ClaudeAiAnswer last = null;
        for (String uuid : candidates) {
            Reply usage = get("/api/organizations/" + URLEncoder.encode(uuid, StandardCharsets.UTF_8) + "/usage",
                    sessionKey);
            if (usage.answer instanceof ClaudeAiAnswer.Read r) {
                if (looksLikeUsage(r.body())) {
                    return new ClaudeAiAnswer.Read(uuid, r.body(), r.receivedAt());
                }
                last = new ClaudeAiAnswer.Failed("claude.ai's usage answer is not JSON.");
                continue;
            }
            if (usage.answer instanceof ClaudeAiAnswer.Expired || usage.answer instanceof ClaudeAiAnswer.RateLimited
                    || usage.status != 404) {
                return usage.answer;
            }
            last = new ClaudeAiAnswer.Failed("No claude.ai organization of this account reports usage.");
        }
        return last;
    }

    static List<String> organizations(String body) throws IOException {
        JsonNode root = Json.mapper().readTree(body);
        List<String> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (JsonNode org : root) {
                JsonNode uuid = org.get("uuid");
                if (uuid != null && uuid.isTextual() && !uuid.asText().isBlank()) {
                    out.add(uuid.asText());
                }
            }
        }
        return out;
    }

    private static boolean looksLikeUsage(String body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            return n != null && n.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private record Reply(int status, ClaudeAiAnswer answer) {
    }

    private Reply get(String path, String sessionKey) {
        URI uri = URI.create(base + path);
        UsageRequest.Outcome outcome = http.get(uri, "Cookie", "sessionKey=" + sessionKey);
        if (outcome instanceof UsageRequest.TimedOut) {
            return new Reply(0, slow());
        }
        if (outcome instanceof UsageRequest.Interrupted) {
            return new Reply(0, new ClaudeAiAnswer.Failed("Interrupted while asking claude.ai for the usage."));
        }
        if (outcome instanceof UsageRequest.Unreachable u) {
            // Only the exception's type is shown: its message could echo the request.
            return new Reply(0, new ClaudeAiAnswer.Failed("Cannot reach " + uri.getHost() + " for the usage ("
                    + (u.cause() instanceof java.net.ConnectException ? "connection refused"
                            : u.cause().getClass().getSimpleName()) + ")."));
        }
        HttpResponse<String> response = ((UsageRequest.Answered) outcome).response();
        Instant now = clock.get();
        int status = response.statusCode();
        if (status == 200) {
            return new Reply(status, new ClaudeAiAnswer.Read(null, response.body(), now));
        }
        if (status == 401 || status == 403) {
            return new Reply(status, new ClaudeAiAnswer.Expired());
        }
        if (status == 429) {
            return new Reply(status, new ClaudeAiAnswer.RateLimited(UsageEndpoint.askAgainAt(
                    response.headers().firstValue("Retry-After").orElse(null), now)));
        }
        return new Reply(status, new ClaudeAiAnswer.Failed("claude.ai answered " + status + (status >= 500
                ? " (a problem on Anthropic's side); Headroom asks again later." : ".")));
    }

    private ClaudeAiAnswer slow() {
        return new ClaudeAiAnswer.Failed("claude.ai did not answer within " + timeout.toSeconds() + " s.");
    }
}
