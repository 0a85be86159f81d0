package io.headroom.service;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.PromptEvent;
import io.headroom.domain.Provenance;
import io.headroom.domain.ProxyCall;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.store.ManualStore;
import io.headroom.store.ProxyCallStore;
import io.headroom.store.SampleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A made-up but realistic Headroom for "Explore with demo data": three weeks of Claude Code use
 * by a Max 5x user (weekday sessions of Opus and Sonnet with heavy cache reads, quieter
 * weekends, two 5-hour limit hits), the official percentages Claude Code's status line would
 * have reported, a few messages and a percentage logged by hand for claude.ai, and a few calls
 * through the proxy. It lives in its own folder with its own database and settings, so the
 * user's data is never read or written; the same seed and "now" give the same data.
 */
public final class DemoData {

    /** Where the demo lives inside the user's data folder. */
    public static final String FOLDER = "demo";
    public static final long SEED = 20261127L;
    static final int DAYS = 21;
    private static final String ZONE = "Europe/Madrid";
    /** What a Max 5x 5-hour window holds in API-equivalent dollars, in this made-up world. */
    private static final double FIVE_HOUR_BUDGET_USD = 15;
    private static final double WEEKLY_BUDGET_USD = 120;
    private static final List<String> PROJECTS = List.of("-home-demo-shop-api", "-home-demo-mobile-app",
            "-home-demo-data-pipeline", "-home-demo-website");

    private final Random random;
    private final PriceTable prices;
    private final ZoneId zone = ZoneId.of(ZONE);
    private final List<UsageEvent> usage = new ArrayList<>();
    private final List<PromptEvent> prompts = new ArrayList<>();
    private final List<ErrorEvent> errors = new ArrayList<>();
    private final List<UtilizationSample> samples = new ArrayList<>();
    private int serial;
    /** The 5-hour window the status line reports on: its reset and the cost in it so far. */
    private Instant fiveHourEnd;
    private double fiveHourCost;

    private DemoData(long seed, PriceTable prices) {
        this.random = new Random(seed);
        this.prices = prices;
    }

    /** The demo's folder inside {@code userData}. */
    public static Path folder(DataDirectory userData) {
        return userData.path().resolve(FOLDER);
    }

    /**
     * Builds a fresh demo (any earlier one in {@code folder} is replaced) ending at {@code now} and
     * returns a workspace on it. Its Claude Code folder is an empty one inside the demo folder, so
     * the demo window imports nothing of the user's.
     */
    public static Workspace create(Path folder, Instant now, long seed) throws IOException {
        DataDirectory data = new DataDirectory(folder);
        Files.deleteIfExists(data.database());
        Files.deleteIfExists(data.database().resolveSibling(DataDirectory.DATABASE_FILE + "-wal"));
        Files.deleteIfExists(data.database().resolveSibling(DataDirectory.DATABASE_FILE + "-shm"));
        data.ensureExists();
        Path claude = folder.resolve("claude");
        Files.createDirectories(claude.resolve("projects"));
        new Settings("max5", ZONE, "thursday", "09:00").save(data.file(Settings.FILE));
        Workspace workspace = new Workspace(data, null, Map.of("CLAUDE_CONFIG_DIR", claude.toString()), folder);
        try {
            new DemoData(seed, workspace.prices().table()).generate(now).writeTo(workspace, now);
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
        return workspace;
    }

    private DemoData generate(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        int limitHits = 0;
        for (int d = DAYS - 1; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            int sessions = weekend ? random.nextInt(2) : 2 + random.nextInt(3);
            // Two heavy days (a Tuesday-ish crunch in each of the last two weeks) run into the 5-hour limit.
            boolean crunch = !weekend && (d == 9 || d == 2);
            LocalTime start = LocalTime.of(9, random.nextInt(40));
            for (int s = 0; s < sessions; s++) {
                ZonedDateTime at = day.atTime(start).atZone(zone).plusMinutes(s * (70L + random.nextInt(90)));
                if (!at.toInstant().isBefore(now)) {
                    break;
                }
                int messages = (crunch ? 60 : 15) + random.nextInt(crunch ? 30 : 35);
                Instant end = session(at.toInstant(), messages, PROJECTS.get(random.nextInt(PROJECTS.size())),
                        crunch ? 0.85 : 0.45, now);
                if (crunch && s == 1 && limitHits < 2) {
                    limitHits++;
                    limitHit(end);
                    break;
                }
            }
        }
        // The user is at it right now: a session that began 100 minutes ago keeps a 5-hour window running.
        session(now.minus(Duration.ofMinutes(100)), 60, PROJECTS.get(0), 0.6, now);
        return this;
    }

    /** One Claude Code session: a prompt, then a few assistant turns per prompt, minutes apart. */
    private Instant session(Instant start, int messages, String project, double opusShare, Instant now) {
        String session = "demo-session-" + (++serial);
        Instant at = start;
        for (int m = 0; m < messages && at.isBefore(now); m++) {
            if (m % 4 == 0) {
                prompts.add(new PromptEvent("demo-p" + serial + "-" + m, UsageSource.CLAUDE_CODE_LOG, at, project,
                        session, 1));
            }
            String model = random.nextDouble() < opusShare ? "claude-opus-4-5" : "claude-sonnet-4-5";
            TokenCounts tokens = new TokenCounts(3 + random.nextInt(40), 150 + random.nextInt(1800),
                    random.nextInt(4) == 0 ? 2000 + random.nextInt(12000) : 0, 0, 25_000 + random.nextInt(110_000));
            double cost = prices.cost(model, at, tokens, Speed.STANDARD);
            if (fiveHourEnd == null || !at.isBefore(fiveHourEnd)) {
                // As Anthropic counts: a window opens at the first message after the last one reset.
                fiveHourEnd = at.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(5));
                fiveHourCost = 0;
            }
            fiveHourCost += cost;
            String id = "msg_demo_" + serial + "_" + m;
            usage.add(new UsageEvent(UsageEvent.dedupKey(id, "req_" + id, null), UsageSource.CLAUDE_CODE_LOG,
                    Provenance.MEASURED, at, model, tokens, 0, 0, Speed.STANDARD, cost, model, false, project, session,
                    id, "req_" + id, false, false));
            if (m % 10 == 9) {
                statusLine(at, session, model);
            }
            at = at.plusSeconds(40 + random.nextInt(200));
        }
        return at;
    }

    /**
     * What Claude Code's status line would have shown: the usage in the current 5-hour window and in
     * the week (reset Thursday 09:00, as the demo's settings say) over round, made-up limits, with
     * those windows' resets. Like the real one, it only grows inside a window and keeps its reset.
     */
    private void statusLine(Instant at, String session, String model) {
        double fiveHour = Math.min(100, Math.round(fiveHourCost / FIVE_HOUR_BUDGET_USD * 1000) / 10.0);
        samples.add(new UtilizationSample("demo-sl5-" + samples.size(), UsageSource.STATUSLINE, Provenance.OFFICIAL, at,
                LimitWindow.FIVE_HOUR, fiveHour, fiveHourEnd, null, session, model));
        ZonedDateTime weekEnd = at.atZone(zone).with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY))
                .with(LocalTime.of(9, 0));
        if (!weekEnd.toInstant().isAfter(at)) {
            weekEnd = weekEnd.plusWeeks(1);
        }
        Instant weekStart = weekEnd.minusWeeks(1).toInstant();
        double weekCost = usage.stream().filter(u -> !u.timestamp().isBefore(weekStart))
                .mapToDouble(UsageEvent::costUsd).sum();
        samples.add(new UtilizationSample("demo-slw-" + samples.size(), UsageSource.STATUSLINE, Provenance.OFFICIAL, at,
                LimitWindow.WEEKLY, Math.min(100, Math.round(weekCost / WEEKLY_BUDGET_USD * 1000) / 10.0),
                weekEnd.toInstant(), null, session, model));
    }

    private void limitHit(Instant at) {
        Instant reset = fiveHourEnd;
        errors.add(new ErrorEvent("demo-limit-" + errors.size(), UsageSource.CLAUDE_CODE_LOG, at,
                ErrorCategory.USAGE_LIMIT, "usage_limit", 429, LimitWindow.FIVE_HOUR, reset,
                "5-hour limit reached", PROJECTS.get(0), "demo-session-" + serial, null));
        samples.add(new UtilizationSample("demo-hit-" + errors.size(), UsageSource.STATUSLINE, Provenance.OFFICIAL, at,
                LimitWindow.FIVE_HOUR, 100.0, reset, null, "demo-session-" + serial, null));
    }

    private void writeTo(Workspace workspace, Instant now) {
        new EventStore(workspace.database()).writeNow(new EventBatch(usage, errors, prompts, List.of(), null));
        new SampleStore(workspace.database()).writeNow(samples);
        ManualStore manual = new ManualStore(workspace.database());
        for (int d = 1; d <= 4; d++) {
            Instant evening = LocalDate.ofInstant(now, zone).minusDays(d * 3L).atTime(21, 15).atZone(zone).toInstant();
            manual.addMessages(evening, 6 + random.nextInt(10), "claude-opus-4-5");
        }
        manual.addUtilization(List.of(new UtilizationSample("demo-manual-week", UsageSource.MANUAL, Provenance.MANUAL,
                now.minus(Duration.ofHours(20)), LimitWindow.WEEKLY, 38.0, null, null, null, null)));
        proxyCalls(workspace, now);
    }

    /** A handful of API calls from a script through the proxy, one of them rate limited. */
    private void proxyCalls(Workspace workspace, Instant now) {
        List<ProxyCall> calls = new ArrayList<>();
        List<UsageEvent> events = new ArrayList<>();
        Instant at = now.minus(Duration.ofHours(3));
        for (int i = 0; i < 12; i++) {
            at = at.plusSeconds(60 + random.nextInt(600));
            boolean limited = i == 7;
            String id = "msg_demo_api_" + i;
            ProxyCall.Usage u = limited ? null
                    : new ProxyCall.Usage(1200 + random.nextInt(3000), 300 + random.nextInt(900), 0, 0, 0, 0, 0);
            calls.add(new ProxyCall("demo-call-" + i, at.toEpochMilli(), "POST", "/v1/messages", "claude-sonnet-4-5",
                    true, limited ? 429 : 200, limited ? "rate_limit_error" : null, null, 900 + random.nextInt(4000),
                    300 + random.nextInt(500), "req_demo_api_" + i, limited ? null : id, "demo0000", "api_key",
                    "demo-script/1.0", null, null, "standard", u,
                    Map.of("anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining",
                            String.valueOf(limited ? 0 : 40 - i)), false));
            if (u != null) {
                TokenCounts t = new TokenCounts(u.input(), u.output(), 0, 0, 0);
                events.add(new UsageEvent(UsageEvent.dedupKey(id, "req_demo_api_" + i, null), UsageSource.PROXY,
                        Provenance.MEASURED, at, "claude-sonnet-4-5", t, 0, 0, Speed.STANDARD,
                        prices.cost("claude-sonnet-4-5", at, t, Speed.STANDARD), "claude-sonnet-4-5", false, "api",
                        null, id, "req_demo_api_" + i, false, false));
            }
        }
        new ProxyCallStore(workspace.database()).writeNow(calls, EventBatch.ofUsage(events), List.of());
    }
}
