package io.headroom.ingest.statusline;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * Claude Code's statusLine hook: spools the official {@code rate_limits} it is given and returns
 * one line such as {@code 5h 42% · resets 18:00 · week 18% · today $4.20}. Never throws.
 *
 * <p>This runs on every reply inside a fresh JVM, so it avoids whatever costs start-up time:
 * no lambdas or string concatenation (both bootstrap invokedynamic), no java.time zone rules
 * (their provider lookup scans every jar on the class path; {@link TimeZone} does not), no
 * formatters, no SQLite.
 */
public final class StatusLineHook {

    private static final String[][] WINDOWS = {{"five_hour", "five_hour"}, {"seven_day", "weekly"},
        {"seven_day_opus", "weekly_opus"}, {"seven_day_sonnet", "weekly_sonnet"}};
    private static final String[] DAYS = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    private static final String SEP = " \u00b7 ";

    private StatusLineHook() {
    }

    /** The official samples in one statusLine input; epoch-like or negative percentages are dropped. */
    public static List<UtilizationSample> samples(Object json, Instant now) {
        List<UtilizationSample> out = new ArrayList<>();
        String session = MiniJson.string(json, "session_id");
        String model = MiniJson.string(json, "model", "id");
        for (String[] w : WINDOWS) {
            Double pct = MiniJson.number(json, "rate_limits", w[0], "used_percentage");
            if (pct == null || !Double.isFinite(pct) || pct < 0 || pct > 1000) {
                continue;
            }
            Double resets = MiniJson.number(json, "rate_limits", w[0], "resets_at");
            Instant resetsAt = resets == null || resets <= 0 ? null
                    : resets > 1e11 ? Instant.ofEpochMilli(resets.longValue()) : Instant.ofEpochSecond(resets.longValue());
            String key = new StringBuilder("statusline|").append(session).append('|').append(w[1]).append('|')
                    .append(resetsAt == null ? "" : Long.toString(resetsAt.getEpochSecond())).append('|').append(pct)
                    .toString();
            out.add(new UtilizationSample(key, UsageSource.STATUSLINE, Provenance.OFFICIAL, now,
                    LimitWindow.fromCode(w[1]), pct, resetsAt, null, session, model));
        }
        return out;
    }

    /**
     * Spools what the input carries and returns the line.
     *
     * @param dataDir the data folder (spool and today's cost), or null to record nothing
     */
    public static String run(String input, Instant now, TimeZone zone, Path dataDir) {
        Object json;
        try {
            json = input == null || input.isBlank() ? null : MiniJson.parse(input);
        } catch (RuntimeException e) {
            json = null;
        }
        List<UtilizationSample> samples = json == null ? List.of() : samples(json, now);
        Double today = null;
        if (dataDir != null) {
            try {
                StatusLineSpool.append(dataDir, samples);
            } catch (java.io.IOException | RuntimeException e) {
                // An unwritable data folder must not cost Claude Code its status line.
            }
            today = StatusLineSpool.today(dataDir, LocalDate.ofEpochDay(localDay(now, zone)));
        }
        Double session = json == null ? null : MiniJson.number(json, "cost", "total_cost_usd");
        return line(samples, now, zone, today, session);
    }

    static String line(List<UtilizationSample> samples, Instant now, TimeZone zone, Double today, Double session) {
        StringBuilder b = new StringBuilder();
        for (UtilizationSample s : samples) {
            if (s.window() == LimitWindow.FIVE_HOUR) {
                b.append("5h ").append(percent(s.usedPercent()));
                if (s.resetsAt() != null && s.resetsAt().isAfter(now)) {
                    b.append(" \u00b7 resets ").append(clock(s.resetsAt(), now, zone));
                }
            }
        }
        for (UtilizationSample s : samples) {
            if (s.window() == LimitWindow.WEEKLY) {
                sep(b).append("week ").append(percent(s.usedPercent()));
            }
        }
        if (today != null) {
            sep(b).append("today $").append(fixed(today, 2));
        } else if (session != null) {
            sep(b).append("session $").append(fixed(session, 2));
        }
        return b.length() == 0 ? "headroom" : b.toString();
    }

    private static StringBuilder sep(StringBuilder b) {
        return b.length() == 0 ? b : b.append(SEP);
    }

    /** 42% for whole numbers, else one decimal: 18.5%. */
    static String percent(double p) {
        long tenths = Math.round(p * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10).concat("%") : fixed(p, 1).concat("%");
    }

    /** A non-negative number with {@code decimals} decimals, without java.util.Formatter. */
    static String fixed(double v, int decimals) {
        long scale = decimals == 1 ? 10 : 100;
        long n = Math.round(Math.abs(v) * scale);
        String frac = Long.toString(scale + n % scale).substring(1);
        return new StringBuilder(v < 0 && n > 0 ? "-" : "").append(n / scale).append('.').append(frac).toString();
    }

    /** HH:mm in the zone, prefixed by the weekday when not today. */
    static String clock(Instant t, Instant now, TimeZone zone) {
        long ms = t.toEpochMilli();
        long local = ms + zone.getOffset(ms);
        long minutes = Math.floorMod(Math.floorDiv(local, 60_000L), 1440L);
        long day = Math.floorDiv(local, 86_400_000L);
        StringBuilder b = new StringBuilder();
        if (day != localDay(now, zone)) {
            b.append(DAYS[(int) Math.floorMod(day, 7L)]).append(' ');
        }
        long h = minutes / 60;
        long m = minutes % 60;
        return b.append(h < 10 ? "0" : "").append(h).append(':').append(m < 10 ? "0" : "").append(m).toString();
    }

    static long localDay(Instant t, TimeZone zone) {
        long ms = t.toEpochMilli();
        return Math.floorDiv(ms + zone.getOffset(ms), 86_400_000L);
    }

    /** The zone from settings.json in the data folder, else the system's. */
    public static TimeZone zone(Path settingsFile) {
        try {
            if (settingsFile != null && Files.isRegularFile(settingsFile)) {
                String z = MiniJson.string(MiniJson.parse(Files.readString(settingsFile)), "timeZone");
                if (z != null) {
                    return TimeZone.getTimeZone(z);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Fall back to the system zone.
        }
        return TimeZone.getDefault();
    }
}
