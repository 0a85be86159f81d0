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
 * The user's settings ({@code settings.json} in the data folder): plan, time zone, and the weekly
 * reset if known (weekday and wall time in that zone). Missing values are null; the zone then
 * defaults to the system's.
 */
public record Settings(String plan, String timeZone, String weeklyResetDay, String weeklyResetTime) {

    public static final String FILE = "settings.json";

    public static Settings empty() {
        return new Settings(null, null, null, null);
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
            Settings s = new Settings(n.path("plan").asText(null), n.path("timeZone").asText(null),
                    n.path("weeklyReset").path("day").asText(null), n.path("weeklyReset").path("time").asText(null));
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
        DataDirectory.ensurePrivateDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, Json.mapper().writeValueAsString(n) + "\n");
    }
}
