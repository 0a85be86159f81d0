package io.headroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.windows.WindowBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's settings ({@code settings.json} in the data folder): plan, time zone, the weekly
 * reset if known (weekday and wall time in that zone), the recording proxy's port and whether the
 * app starts it, the value of an hour of the user's time (the advisor's limit tax), notification
 * thresholds, the tray, the theme, extra Claude Code folders and whether Anthropic's usage endpoint
 * is asked with Claude Code's login (on by default: {@code "oauthUsage": false} turns it off). Missing values are null or the
 * defaults below; the zone then defaults to the system's, the port to {@link #DEFAULT_PROXY_PORT}.
 */
public record Settings(String plan, String timeZone, String weeklyResetDay, String weeklyResetTime, Integer proxyPort,
        boolean proxyStartsWithApp, Double hourlyValueUsd, List<Integer> notifyAtPercent, boolean notifyOnReset,
        boolean trayEnabled, String theme, List<String> claudeDirs, boolean oauthUsageEnabled) {

    public static final String FILE = "settings.json";
    public static final int DEFAULT_PROXY_PORT = 8787;
    public static final List<Integer> DEFAULT_NOTIFY_AT = List.of(80, 95, 100);
    public static final String LIGHT = "light";
    public static final String DARK = "dark";

    public Settings {
        notifyAtPercent = notifyAtPercent == null ? DEFAULT_NOTIFY_AT : List.copyOf(notifyAtPercent);
        claudeDirs = claudeDirs == null ? List.of() : List.copyOf(claudeDirs);
        theme = theme == null ? LIGHT : theme;
        if (!LIGHT.equals(theme) && !DARK.equals(theme)) {
            throw new IllegalArgumentException("the theme is light or dark, not " + theme);
        }
        if (hourlyValueUsd != null && (hourlyValueUsd < 0 || hourlyValueUsd.isNaN() || hourlyValueUsd.isInfinite())) {
            throw new IllegalArgumentException("the hourly value must be a positive number of dollars, not " + hourlyValueUsd);
        }
        for (Integer p : notifyAtPercent) {
            if (p == null || p < 1 || p > 100) {
                throw new IllegalArgumentException("notification thresholds are percentages 1-100, not " + p);
            }
        }
    }

    /** As the canonical constructor, with the OAuth usage source on (its default when a login is found). */
    public Settings(String plan, String timeZone, String weeklyResetDay, String weeklyResetTime, Integer proxyPort,
            boolean proxyStartsWithApp, Double hourlyValueUsd, List<Integer> notifyAtPercent, boolean notifyOnReset,
            boolean trayEnabled, String theme, List<String> claudeDirs) {
        this(plan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp, hourlyValueUsd,
                notifyAtPercent, notifyOnReset, trayEnabled, theme, claudeDirs, true);
    }

    public static Settings empty() {
        return new Settings(null, null, null, null);
    }

    public Settings(String plan, String timeZone, String weeklyResetDay, String weeklyResetTime) {
        this(plan, timeZone, weeklyResetDay, weeklyResetTime, null, false, null, null, true, true, null, null);
    }

    public int proxyPortOrDefault() {
        return proxyPort == null ? DEFAULT_PROXY_PORT : proxyPort;
    }

    public Settings withPlan(String newPlan) {
        return new Settings(newPlan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, trayEnabled, theme, claudeDirs, oauthUsageEnabled);
    }

    public Settings withTimeZone(String zoneId) {
        return new Settings(plan, zoneId, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, trayEnabled, theme, claudeDirs, oauthUsageEnabled);
    }

    /** Both null forgets the weekly reset. */
    public Settings withWeeklyReset(String day, String time) {
        return new Settings(plan, timeZone, day, time, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, trayEnabled, theme, claudeDirs, oauthUsageEnabled);
    }

    public Settings withProxy(Integer port, boolean startsWithApp) {
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("the proxy port must be 1-65535, not " + port);
        }
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, port, startsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, trayEnabled, theme, claudeDirs, oauthUsageEnabled);
    }

    public Settings withHourlyValue(Double usd) {
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                usd, notifyAtPercent, notifyOnReset, trayEnabled, theme, claudeDirs, oauthUsageEnabled);
    }

    public Settings withNotifications(List<Integer> atPercent, boolean onReset) {
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, atPercent, onReset, trayEnabled, theme, claudeDirs, oauthUsageEnabled);
    }

    public Settings withTray(boolean enabled) {
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, enabled, theme, claudeDirs, oauthUsageEnabled);
    }

    public Settings withTheme(String newTheme) {
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, trayEnabled, newTheme, claudeDirs, oauthUsageEnabled);
    }

    public Settings withClaudeDirs(List<String> dirs) {
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, trayEnabled, theme, dirs, oauthUsageEnabled);
    }

    /** Switches asking Anthropic's usage endpoint with Claude Code's login on or off. */
    public Settings withOauthUsage(boolean enabled) {
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, proxyPort, proxyStartsWithApp,
                hourlyValueUsd, notifyAtPercent, notifyOnReset, trayEnabled, theme, claudeDirs, enabled);
    }

    public ZoneId zone() {
        return timeZone == null ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    }

    /** The weekly reset as the engine wants it, or null when not set. */
    public WindowBuilder.WeeklyResetSetting weeklyReset() {
        if (weeklyResetDay == null || weeklyResetTime == null) {
            return null;
        }
        return new WindowBuilder.WeeklyResetSetting(day(weeklyResetDay), LocalTime.parse(weeklyResetTime), zone());
    }

    /** MONDAY, Mon, mon all work. */
    public static DayOfWeek day(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || (t.length() >= 3 && d.name().startsWith(t))) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a weekday: " + text);
    }

    /** One JVM-wide monitor: FileLock refuses a second lock in the same process instead of waiting. */
    private static final Object UPDATES = new Object();

    /**
     * Reads, changes and saves the settings while holding {@code settings.json.lock}, so two
     * processes changing different settings at once (a command and the window) keep both
     * changes; a plain load-then-save let the later save drop the earlier one's change.
     */
    public static Settings update(Path file, java.util.function.UnaryOperator<Settings> change) throws IOException {
        return update(file, change, false);
    }

    /** As {@link #update(Path, java.util.function.UnaryOperator)}; {@code always} writes the file even when nothing changed. */
    public static Settings update(Path file, java.util.function.UnaryOperator<Settings> change, boolean always)
            throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        DataDirectory.ensurePrivateDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.createIfMissing(lockFile);
        synchronized (UPDATES) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = ch.lock()) {
                Settings current = load(file);
                Settings updated = change.apply(current);
                if (always || !updated.equals(current)) {
                    updated.save(file);
                }
                return updated;
            }
        }
    }

    public static Settings load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            JsonNode proxy = n.path("proxy");
            JsonNode notify = n.path("notifications");
            Settings s = new Settings(n.path("plan").asText(null), n.path("timeZone").asText(null),
                    n.path("weeklyReset").path("day").asText(null), n.path("weeklyReset").path("time").asText(null),
                    proxy.hasNonNull("port") ? proxy.get("port").asInt() : null, proxy.path("startWithApp").asBoolean(false),
                    n.hasNonNull("hourlyValueUsd") ? n.get("hourlyValueUsd").asDouble() : null,
                    notify.has("atPercent") ? ints(notify.get("atPercent")) : null,
                    notify.path("onReset").asBoolean(true), n.path("tray").asBoolean(true),
                    n.path("theme").asText(null), n.has("claudeDirs") ? strings(n.get("claudeDirs")) : null,
                    n.path("oauthUsage").asBoolean(true));
            s.zone();
            s.weeklyReset();
            return s;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    public void save(Path file) throws IOException {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("plan", plan);
        n.put("timeZone", timeZone);
        if (weeklyResetDay != null) {
            ObjectNode w = n.putObject("weeklyReset");
            w.put("day", weeklyResetDay);
            w.put("time", weeklyResetTime);
        }
        if (proxyPort != null || proxyStartsWithApp) {
            ObjectNode p = n.putObject("proxy");
            if (proxyPort != null) {
                p.put("port", proxyPort);
            }
            p.put("startWithApp", proxyStartsWithApp);
        }
        if (hourlyValueUsd != null) {
            n.put("hourlyValueUsd", hourlyValueUsd);
        }
        ObjectNode notify = n.putObject("notifications");
        ArrayNode at = notify.putArray("atPercent");
        notifyAtPercent.forEach(at::add);
        notify.put("onReset", notifyOnReset);
        n.put("tray", trayEnabled);
        n.put("theme", theme);
        n.put("oauthUsage", oauthUsageEnabled);
        if (!claudeDirs.isEmpty()) {
            ArrayNode dirs = n.putArray("claudeDirs");
            claudeDirs.forEach(dirs::add);
        }
        DataDirectory.ensurePrivateDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, Json.mapper().writeValueAsString(n) + "\n");
    }
}
