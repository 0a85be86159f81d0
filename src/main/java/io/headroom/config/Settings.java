package io.headroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.windows.WindowBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The user's settings ({@code settings.json} in the data folder): plan, time zone, the weekly
 * reset if known (weekday and wall time in that zone), and the recording proxy's port and whether
 * the app starts it. Missing values are null; the zone then defaults to the system's, the port to
 * {@link #DEFAULT_PROXY_PORT}.
 */
public record Settings(String plan, String timeZone, String weeklyResetDay, String weeklyResetTime, Integer proxyPort,
        boolean proxyStartsWithApp) {

    public static final String FILE = "settings.json";
    public static final int DEFAULT_PROXY_PORT = 8787;

    public static Settings empty() {
        return new Settings(null, null, null, null, null, false);
    }

    public Settings(String plan, String timeZone, String weeklyResetDay, String weeklyResetTime) {
        this(plan, timeZone, weeklyResetDay, weeklyResetTime, null, false);
    }

    public int proxyPortOrDefault() {
        return proxyPort == null ? DEFAULT_PROXY_PORT : proxyPort;
    }

    public Settings withProxy(Integer port, boolean startsWithApp) {
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("the proxy port must be 1-65535, not " + port);
        }
        return new Settings(plan, timeZone, weeklyResetDay, weeklyResetTime, port, startsWithApp);
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

    public static Settings load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            JsonNode proxy = n.path("proxy");
            Settings s = new Settings(n.path("plan").asText(null), n.path("timeZone").asText(null),
                    n.path("weeklyReset").path("day").asText(null), n.path("weeklyReset").path("time").asText(null),
                    proxy.hasNonNull("port") ? proxy.get("port").asInt() : null, proxy.path("startWithApp").asBoolean(false));
            s.zone();
            s.weeklyReset();
            return s;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
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
        DataDirectory.ensurePrivateDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, Json.mapper().writeValueAsString(n) + "\n");
    }
}
