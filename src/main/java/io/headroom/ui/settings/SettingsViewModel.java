package io.headroom.ui.settings;

import io.headroom.config.Settings;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.service.Autostart;
import io.headroom.service.SettingsForm;
import io.headroom.service.Workspace;
import io.headroom.sources.SourceRegistry;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Settings tab shows and when it may save, in plain Java: the values the form starts
 * from, each field's message as typed, and whether Save is on. A form with unsaved edits is not
 * overwritten when the tab is selected again.
 */
public final class SettingsViewModel {

    /** The choice that leaves plan or reset day unset. */
    public static final String NOT_SET = "";
    static final int NOTIFY_FIELDS = 3;

    /** What the form is filled from, read off the FX thread. */
    public record Loaded(Settings settings, List<PlanCatalog.Plan> plans, boolean autostart, String autostartEntry,
            Path dataFolder, Path database, boolean canOpenFolders, String problem, List<SourceRegistry.Entry> sources,
            ZoneId zone) {

        /** An unreadable settings file fills the form with defaults and says so; saving replaces it. */
        public static Loaded read(Workspace ws, Autostart a, boolean canOpenFolders) {
            Settings s;
            String problem = null;
            try {
                s = ws.settings();
            } catch (IllegalArgumentException unreadable) {
                s = Settings.empty();
                problem = unreadable.getMessage() + " Saving replaces it.";
            }
            return new Loaded(s, ws.plans().catalog().plans(), a.enabled(), a.entry().toString(),
                    ws.dataDirectory().path().toAbsolutePath(), ws.databaseFile().toAbsolutePath(), canOpenFolders,
                    problem, ws.sources().list(), zoneOf(s));
        }
    }

    /** Each field's message (null when fine) and what the form as a whole allows. */
    public record Checked(SettingsForm.Result result, String hourlyValue, String timeZone, String resetTime,
            String proxyPort, List<Boolean> notifyInvalid, String notifyAt, boolean resetTimeDisabled, boolean saveDisabled,
            String formState) {
    }

    private final Map<String, String> planNames = new LinkedHashMap<>();
    private boolean filling;
    private boolean loaded;
    private boolean saving;
    private boolean dirty;

    static ZoneId zoneOf(Settings s) {
        try {
            return s.zone();
        } catch (RuntimeException unknownZone) {
            return ZoneId.systemDefault();
        }
    }

    /** Whether selecting the tab may read the settings again (not over unsaved edits). */
    public boolean mayReload() {
        return !dirty;
    }

    /** Starts filling the form from {@code l}: changes while filling are not edits. Returns the plan choices. */
    public List<String> beginFill(Loaded l) {
        filling = true;
        planNames.clear();
        l.plans().forEach(p -> planNames.put(p.id(), p.name()));
        List<String> ids = new ArrayList<>(List.of(NOT_SET));
        ids.addAll(planNames.keySet());
        return ids;
    }

    /** Filling ended, whether or not it went through. */
    public void stopFilling() {
        filling = false;
    }

    /** The form is filled from {@code l}; nothing to save yet. Returns what the form-state line says. */
    public String filled(Loaded l) {
        loaded = true;
        dirty = false;
        return l.problem() == null ? "" : l.problem();
    }

    public String planName(String id) {
        return id.equals(NOT_SET) ? "Not set" : planNames.getOrDefault(id, id);
    }

    public static List<String> days() {
        List<String> days = new ArrayList<>(List.of(NOT_SET));
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add(d.name());
        }
        return days;
    }

    public static String dayName(String day) {
        return day.equals(NOT_SET) ? "Not set" : DayOfWeek.valueOf(day).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    public static List<String> zones() {
        List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
        zones.sort(null);
        return zones;
    }

    /** The zones offered below the field for part of a name ("madr"), at most 30. */
    public static List<String> matchingZones(List<String> zones, String typed) {
        String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? List.of() : zones.stream().filter(z -> z.toLowerCase(Locale.ROOT).contains(t)).limit(30).toList();
    }

    public static String plan(Settings s) {
        return s.plan() == null ? NOT_SET : s.plan();
    }

    public static String hourlyValue(Settings s) {
        Double v = s.hourlyValueUsd();
        return v == null ? "" : v == Math.rint(v) ? Long.toString(v.longValue()) : Double.toString(v);
    }

    public static String timeZone(Settings s, ZoneId system) {
        return s.timeZone() == null ? system.getId() : s.timeZone();
    }

    public static String resetDay(Settings s) {
        return s.weeklyResetDay() == null ? NOT_SET : Settings.day(s.weeklyResetDay()).name();
    }

    /** The three thresholds, the defaults where fewer are saved. */
    public static List<String> notifyAt(Settings s) {
        List<Integer> at = s.notifyAtPercent();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < NOTIFY_FIELDS; i++) {
            texts.add(Integer.toString(i < at.size() ? at.get(i) : Settings.DEFAULT_NOTIFY_AT.get(i)));
        }
        return texts;
    }

    public static String autostartNote(boolean enabled, String entry) {
        return enabled ? "Entry: " + entry : "";
    }

    /** The reset day as {@link SettingsForm.Input} takes it: null when not set. */
    public static String resetDayInput(String chosen) {
        return chosen == null || chosen.equals(NOT_SET) ? null : chosen;
    }

    /** A field changed: an edit, checked; null while the form is being filled (no edit). */
    public Checked changed(SettingsForm.Input in) {
        if (filling || !loaded) {
            return null;
        }
        dirty = true;
        return check(in);
    }

    /** The whole form checked, without counting as an edit (right after filling). */
    public Checked check(SettingsForm.Input in) {
        SettingsForm.Result r = SettingsForm.check(in);
        Map<String, String> e = r.errors();
        String notify = null;
        List<Boolean> invalid = new ArrayList<>();
        for (int i = 0; i < in.notifyAt().size(); i++) {
            String m = e.get(SettingsForm.NOTIFY + i);
            invalid.add(m != null);
            notify = m == null ? notify : m;
        }
        return new Checked(r, e.get(SettingsForm.HOURLY_VALUE), e.get(SettingsForm.TIME_ZONE), e.get(SettingsForm.RESET_TIME),
                e.get(SettingsForm.PROXY_PORT), List.copyOf(invalid), notify, in.resetDay() == null, saving || !r.valid(),
                r.valid() ? "" : "Fix the marked fields to save.");
    }

    /** Save was pressed with {@code c}: whether to write (valid and no save running). */
    public boolean startSave(Checked c) {
        if (c == null || !c.result().valid() || saving) {
            return false;
        }
        saving = true;
        return true;
    }

    public void saved() {
        saving = false;
        dirty = false;
    }

    public String notSaved(String failure) {
        saving = false;
        return "Not saved: " + failure;
    }

    /** The folder list with {@code dir} added once. */
    public static List<String> withClaudeDir(List<String> dirs, Path dir) {
        String s = dir.toAbsolutePath().toString();
        List<String> out = new ArrayList<>(dirs);
        if (!out.contains(s)) {
            out.add(s);
        }
        return out;
    }
}
