package io.headroom.sources.oauth;

import io.headroom.domain.UsageSource;
import io.headroom.domain.official.UsageReport;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import io.headroom.sources.usage.UsageReportException;
import io.headroom.sources.usage.UsageReportParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The usage Anthropic itself reports for the account ({@code /api/oauth/usage}), asked with the
 * login Claude Code already has. The endpoint's budget is shared with Claude Code (about 30 reads
 * an hour), so it is asked at most once per {@link #INTERVAL} across every Headroom process (the
 * registry hands out that turn through the store), never before a 429's Retry-After (at least five
 * minutes), and not at all after a 401 until Claude Code's login changes. The token is read fresh
 * for each request and goes nowhere but the Authorization header: the status kept in the store
 * holds at most a SHA-256 of the refused credentials, to notice when they change.
 */
public final class OauthUsageSource implements Source {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
            OauthUsageSource.class.getName());
    public static final String ID = UsageSource.OAUTH_USAGE.code();
    public static final Duration INTERVAL = Duration.ofMinutes(5);
    public static final String SIGN_IN_AGAIN = "sign in to Claude Code again to refresh the login";
    static final String REFUSED = "refused:";

    private final ClaudeCredentials credentials;
    private final UsageEndpoint endpoint;
    private final BooleanSupplier enabled;
    private final Consumer<UsageReport> store;
    private volatile UsageReport lastReport;

    /**
     * @param enabled the Settings switch, asked on every read
     * @param store   writes the answer's samples and extra usage; if it throws nothing counts as read
     */
    public OauthUsageSource(ClaudeCredentials credentials, UsageEndpoint endpoint, BooleanSupplier enabled,
            Consumer<UsageReport> store) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.enabled = enabled;
        this.store = store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Anthropic's usage (Claude Code login)";
    }

    @Override
    public String description() {
        return "The official 5-hour, weekly and per-model percentages Anthropic reports for your account, asked at most"
                + " every 5 minutes with the login Claude Code already has (the login is never changed or kept).";
    }

    @Override
    public List<String> lookedAt() {
        List<String> out = new ArrayList<>();
        credentials.files().forEach(f -> out.add(f.toString()));
        out.add(endpoint.uri().toString());
        return out;
    }

    @Override
    public Duration minInterval() {
        return INTERVAL;
    }

    /** The last answer read in this process (with extra usage), or null. */
    public UsageReport lastReport() {
        return lastReport;
    }

    @Override
    public SourceStatus current(SourceStatus previous) {
        if (!enabled.getAsBoolean()) {
            return previous.withState(SourceState.OFF, "Switched off in Settings.");
        }
        return previous;
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        var now = request.now();
        if (!enabled.getAsBoolean()) {
            return previous.withState(SourceState.OFF, "Switched off in Settings.");
        }
        LoginLookup lookup = credentials.find();
        if (lookup instanceof LoginLookup.NotFound notFound) {
            return previous.failed(SourceState.NOT_FOUND, "No Claude Code login found (looked at " + notFound.lookedAt()
                    + "). Sign in to Claude Code with a Claude subscription to get official figures.", now, null);
        }
        if (lookup instanceof LoginLookup.Unreadable unreadable) {
            return previous.failed(SourceState.ERROR, unreadable.problem() + ".", now, null);
        }
        ClaudeLogin login = ((LoginLookup.Found) lookup).login();
        if ((REFUSED + login.fingerprint()).equals(previous.marker())) {
            return previous; // refused before, and Claude Code has not renewed it since: asking again cannot help
        }
        if (login.expiredAt(now)) {
            return previous.failed(SourceState.ERROR, "Claude Code's login expired at " + login.expiresAt()
                    + ": start Claude Code (it renews the login) or " + SIGN_IN_AGAIN + ".", now, null);
        }
        UsageAnswer answer = endpoint.ask(login.token(), now);
        // The answer's record prints no token: AccessToken is not in it, and bodies are not logged.
        LOG.fine(() -> "asked " + endpoint.uri() + " with the login from " + login.where() + ": "
                + (answer instanceof UsageAnswer.Read r ? "read " + r.body().length() + " characters" : answer));
        if (answer instanceof UsageAnswer.Read read) {
            return stored(read, now, previous);
        }
        if (answer instanceof UsageAnswer.RateLimited limited) {
            return previous.failed(SourceState.WAITING, "Anthropic asked Headroom to wait (429; the budget is shared with"
                    + " Claude Code); asking again after " + limited.askAgainAt() + ".", now, null)
                    .withNotBefore(limited.askAgainAt());
        }
        if (answer instanceof UsageAnswer.Unauthorized) {
            return previous.failed(SourceState.ERROR, "Anthropic refused Claude Code's login (401): " + SIGN_IN_AGAIN
                    + ". Headroom asks again once the login changes.", now, REFUSED + login.fingerprint());
        }
        return previous.failed(SourceState.ERROR, ((UsageAnswer.Failed) answer).problem(), now, null);
    }

    private SourceStatus stored(UsageAnswer.Read read, java.time.Instant now, SourceStatus previous) {
        UsageReport report;
        try {
            report = UsageReportParser.parse(read.body(), UsageSource.OAUTH_USAGE, read.receivedAt());
        } catch (UsageReportException e) {
            return previous.failed(SourceState.ERROR, "The usage endpoint's answer was not understood: " + e.getMessage()
                    + " Headroom asks again in 5 minutes.", now, null);
        }
        store.accept(report);
        lastReport = report;
        int n = report.samples().size();
        SourceStatus status = SourceStatus.read(n + (n == 1 ? " reading" : " readings") + " from Anthropic at "
                + read.receivedAt(), now, null);
        return report.problems().isEmpty() ? status
                : status.withState(SourceState.ON, "Skipped: " + String.join(" ", report.problems()));
    }
}
