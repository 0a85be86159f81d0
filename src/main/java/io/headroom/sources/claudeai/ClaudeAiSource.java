package io.headroom.sources.claudeai;

import io.headroom.domain.UsageSource;
import io.headroom.domain.official.UsageReport;
import io.headroom.secrets.SecretStore;
import io.headroom.secrets.SecretStoreException;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import io.headroom.sources.usage.UsageReportException;
import io.headroom.sources.usage.UsageReportParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The usage claude.ai shows its user, for people who use Claude in the browser or the desktop app.
 * Off until the user saves a session key. Asked at most once per {@link #INTERVAL} across every
 * Headroom process (the registry hands out the turn), later when claude.ai says so, and not at all
 * once the key expired, until a new key is saved.
 */
public final class ClaudeAiSource implements Source {

    public static final String ID = UsageSource.CLAUDE_AI.code();
    public static final String KEY_NAME = "claude_ai_session_key";
    public static final Duration INTERVAL = Duration.ofMinutes(5);
    public static final String EXPIRED = "The claude.ai session key expired: paste a new one in Settings.";
    static final String EXPIRED_MARK = "expired@";

    private final Path settingsFile;
    /** Chosen on first use: looking for the desktop keyring costs a D-Bus round trip that most runs never need. */
    private final Supplier<SecretStore> secrets;
    private final ClaudeAiClient client;
    private final Consumer<UsageReport> store;
    private volatile UsageReport lastReport;

    public ClaudeAiSource(Path settingsFile, Supplier<SecretStore> secrets, ClaudeAiClient client,
            Consumer<UsageReport> store) {
        this.settingsFile = settingsFile;
        this.secrets = secrets;
        this.client = client;
        this.store = store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "claude.ai usage";
    }

    @Override
    public String description() {
        return "The 5-hour, weekly and per-model percentages claude.ai shows, asked with your session key "
                + "(opt-in; the key is kept in the system's secret store).";
    }

    @Override
    public List<String> lookedAt() {
        return List.of(client.base() + "/api/organizations");
    }

    @Override
    public Duration minInterval() {
        return INTERVAL;
    }

    public SecretStore secrets() {
        return secrets.get();
    }

    public UsageReport lastReport() {
        return lastReport;
    }

    @Override
    public SourceStatus current(SourceStatus previous) {
        ClaudeAiSettings s = settingsOrOff();
        if (!s.enabled()) {
            return previous.withState(SourceState.OFF, null);
        }
        String warning = secrets.get().warning();
        if (warning != null && previous.problem() == null && previous.state() == SourceState.ON) {
            return previous.withState(SourceState.ON, warning);
        }
        return previous;
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        Instant now = request.now();
        ClaudeAiSettings settings;
        try {
            settings = ClaudeAiSettings.load(settingsFile);
        } catch (IOException | RuntimeException e) {
            return previous.failed(SourceState.ERROR, settingsFile + " cannot be read; the claude.ai source waits.",
                    now, previous.marker());
        }
        if (!settings.enabled()) {
            return previous.withState(SourceState.OFF, null);
        }
        String keyMark = String.valueOf(settings.keySavedAt());
        if ((EXPIRED_MARK + keyMark).equals(previous.marker())) {
            return previous.withState(SourceState.ERROR, EXPIRED); // the same key: asking again would only fail
        }
        Optional<String> key;
        try {
            key = secrets.get().get(KEY_NAME);
        } catch (SecretStoreException e) {
            return previous.failed(SourceState.ERROR, "The claude.ai session key cannot be read from "
                    + secrets.get().displayName() + ": " + e.getMessage(), now, keyMark);
        }
        if (key.isEmpty()) {
            return previous.failed(SourceState.NOT_FOUND,
                    "No claude.ai session key is saved: paste one in Settings.", now, keyMark);
        }
        ClaudeAiAnswer answer = client.ask(key.get(), settings.organization());
        if (answer instanceof ClaudeAiAnswer.Expired) {
            return previous.failed(SourceState.ERROR, EXPIRED, now, EXPIRED_MARK + keyMark);
        }
        if (answer instanceof ClaudeAiAnswer.RateLimited r) {
            return previous.failed(SourceState.WAITING, "claude.ai asked Headroom to wait; it asks again after "
                    + r.askAgainAt() + ".", now, keyMark).withNotBefore(r.askAgainAt());
        }
        if (answer instanceof ClaudeAiAnswer.Failed f) {
            if (settings.organization() != null) {
                remember(settings.withOrganization(null)); // the organization may be gone: find it again next time
            }
            return previous.failed(SourceState.ERROR, f.problem(), now, keyMark);
        }
        ClaudeAiAnswer.Read read = (ClaudeAiAnswer.Read) answer;
        if (!read.organization().equals(settings.organization())) {
            remember(settings.withOrganization(read.organization()));
        }
        UsageReport report;
        try {
            report = UsageReportParser.parse(read.body(), UsageSource.CLAUDE_AI, read.receivedAt());
        } catch (UsageReportException e) {
            return previous.failed(SourceState.ERROR, "claude.ai's usage answer cannot be read: " + e.getMessage(),
                    now, keyMark);
        }
        store.accept(report);
        lastReport = report;
        int n = report.samples().size();
        SourceStatus status = SourceStatus.read(n + (n == 1 ? " reading" : " readings") + " from claude.ai at "
                + read.receivedAt(), now, keyMark);
        return report.problems().isEmpty() ? status
                : status.withState(SourceState.ON, "Skipped: " + String.join(" ", report.problems()));
    }

    private ClaudeAiSettings settingsOrOff() {
        try {
            return ClaudeAiSettings.load(settingsFile);
        } catch (IOException | RuntimeException e) {
            return ClaudeAiSettings.OFF;
        }
    }

    private void remember(ClaudeAiSettings s) {
        try {
            s.save(settingsFile);
        } catch (IOException e) {
            // Not knowing the organization costs one more request next time, nothing else.
        }
    }
}
