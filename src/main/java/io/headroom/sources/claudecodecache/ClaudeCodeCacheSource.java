package io.headroom.sources.claudecodecache;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.official.UsageReport;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import io.headroom.sources.usage.UsageReportException;
import io.headroom.sources.usage.UsageReportParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The usage Claude Code itself last fetched from Anthropic, which it caches in {@code .claude.json}
 * under {@code cachedUsageUtilization}: {@code utilization} is the usage endpoint's answer and
 * {@code fetchedAtMs} when Claude Code fetched it. Reading it costs no network call, so it is read
 * on every refresh, but only when the file's size or time changed. Only that one key is parsed
 * (the rest of the file, with account and project data, is skipped unread) and only the readings
 * are stored, as official samples with the time Claude Code fetched them.
 */
public final class ClaudeCodeCacheSource implements Source {

    public static final String ID = UsageSource.CLAUDE_CODE_CACHE.code();
    static final String KEY = "cachedUsageUtilization";

    private final Path file;
    private final Consumer<UsageReport> store;
    private volatile UsageReport lastReport;

    /** @param store writes the answer's samples and extra usage; it may throw, and then nothing counts as read */
    public ClaudeCodeCacheSource(Path file, Consumer<UsageReport> store) {
        this.file = file;
        this.store = store;
    }

    /** {@code $CLAUDE_CONFIG_DIR/.claude.json} when that is set, else {@code ~/.claude.json}. */
    public static Path defaultFile(Map<String, String> env, Path home) {
        String dir = env.get("CLAUDE_CONFIG_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir).resolve(".claude.json") : home.resolve(".claude.json");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Claude Code's cached usage";
    }

    @Override
    public String description() {
        return "The 5-hour, weekly and per-model percentages Claude Code last fetched from Anthropic, read from "
                + "its settings file without any network call.";
    }

    @Override
    public List<String> lookedAt() {
        return List.of(file.toString());
    }

    /** The last answer read in this process (with extra usage), or null. */
    public UsageReport lastReport() {
        return lastReport;
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        Instant now = request.now();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return previous.failed(SourceState.NOT_FOUND, null, now, null);
        } catch (IOException e) {
            return previous.failed(SourceState.ERROR, "Cannot look at " + file + ": " + e.getMessage(), now,
                    previous.marker());
        }
        String marker = attrs.size() + ":" + attrs.lastModifiedTime().toMillis();
        if (marker.equals(previous.marker()) && previous.state() != SourceState.UNREAD) {
            return previous; // unchanged since the last read, here or in another process
        }
        JsonNode cached;
        try {
            cached = cachedUsage(file);
        } catch (JacksonException e) {
            var at = e.getLocation();
            return previous.failed(SourceState.ERROR, file + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ")")
                    + "; its cached usage was not read. What was stored before is kept.", now, marker);
        } catch (IOException e) {
            return previous.failed(SourceState.ERROR, "Cannot read " + file + ": " + e.getMessage(), now, marker);
        }
        if (cached == null || !cached.isObject() || cached.path("utilization").isMissingNode()
                || cached.path("utilization").isNull()) {
            return previous.failed(SourceState.NOT_FOUND,
                    "Claude Code has not cached any usage yet (it does once it shows your usage).", now, marker);
        }
        JsonNode fetched = cached.get("fetchedAtMs");
        // Without Claude Code's own fetch time, the file's time is the latest the figures can be from.
        Instant fetchedAt = fetched != null && fetched.isNumber() && fetched.longValue() > 0
                ? Instant.ofEpochMilli(fetched.longValue())
                : attrs.lastModifiedTime().toInstant();
        UsageReport report;
        try {
            report = UsageReportParser.parse(cached.get("utilization"), UsageSource.CLAUDE_CODE_CACHE, fetchedAt);
        } catch (UsageReportException e) {
            return previous.failed(SourceState.ERROR, "The usage cached in " + file + " cannot be read: "
                    + e.getMessage(), now, marker);
        }
        List<UtilizationSample> samples = report.samples();
        store.accept(report);
        lastReport = report;
        String what = samples.size() + (samples.size() == 1 ? " reading" : " readings") + ", fetched by Claude Code at "
                + fetchedAt;
        SourceStatus status = SourceStatus.read(what, now, marker);
        return report.problems().isEmpty() ? status
                : status.withState(SourceState.ON, "Skipped: " + String.join(" ", report.problems()));
    }

    /** Streams over the file and keeps only {@code cachedUsageUtilization}; every other key is skipped unparsed. */
    static JsonNode cachedUsage(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.mapper().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "the file is not a JSON object");
            }
            JsonNode found = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (KEY.equals(name)) {
                    found = p.readValueAsTree();
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "the file ends early");
            }
            return found;
        }
    }
}
