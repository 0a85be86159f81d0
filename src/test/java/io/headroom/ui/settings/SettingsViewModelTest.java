package io.headroom.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.service.Autostart;
import io.headroom.service.SettingsForm;
import io.headroom.service.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings tab's view model without JavaFX, reading a real data folder. */
class SettingsViewModelTest {

    @TempDir
    Path tmp;

    Workspace workspace;
    Autostart autostart;

    @BeforeEach
    void open() {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
        autostart = new Autostart("Linux", Map.of(), tmp.resolve("home"), List.of("/opt/headroom/bin/Headroom"));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    static SettingsForm.Input input(String hourly, String zone, String day, String time, String port, List<String> notify) {
        return new SettingsForm.Input("pro", zone, day, time, hourly, port, false, notify, true, true, Settings.LIGHT, List.of());
    }

    SettingsViewModel filled(SettingsViewModel.Loaded l) {
        SettingsViewModel m = new SettingsViewModel();
        m.beginFill(l);
        m.stopFilling();
        m.filled(l);
        return m;
    }

    @Test
    void theFormStartsFromTheSavedSettings() throws Exception {
        workspace.saveSettings(new Settings("max5", "Europe/Madrid", "MONDAY", "09:30").withHourlyValue(42.5)
                .withNotifications(List.of(50, 90), false));
        SettingsViewModel.Loaded l = SettingsViewModel.Loaded.read(workspace, autostart, false);
        Settings s = l.settings();
        assertThat(SettingsViewModel.plan(s)).isEqualTo("max5");
        assertThat(SettingsViewModel.hourlyValue(s)).isEqualTo("42.5");
        assertThat(SettingsViewModel.hourlyValue(s.withHourlyValue(150.0))).isEqualTo("150");
        assertThat(SettingsViewModel.hourlyValue(s.withHourlyValue(null))).isEmpty();
        assertThat(SettingsViewModel.timeZone(s, ZoneId.of("Asia/Tokyo"))).isEqualTo("Europe/Madrid");
        assertThat(SettingsViewModel.resetDay(s)).isEqualTo("MONDAY");
        assertThat(SettingsViewModel.notifyAt(s)).containsExactly("50", "90", "100"); // the third from the defaults
        assertThat(l.zone()).isEqualTo(ZoneId.of("Europe/Madrid"));
        assertThat(l.problem()).isNull();
        assertThat(l.autostart()).isFalse();
        assertThat(l.dataFolder()).isEqualTo(tmp.resolve("data").toAbsolutePath());
        SettingsViewModel m = new SettingsViewModel();
        List<String> plans = m.beginFill(l);
        assertThat(plans.get(0)).isEqualTo(SettingsViewModel.NOT_SET);
        assertThat(plans).contains("pro", "max5", "max20");
        assertThat(m.planName("max5")).isEqualTo("Max 5x");
        assertThat(m.planName(SettingsViewModel.NOT_SET)).isEqualTo("Not set");
        assertThat(m.filled(l)).isEmpty();
    }

    @Test
    void anEmptyFolderFillsDefaultsAndAnUnreadableFileSaysSavingReplacesIt() throws Exception {
        SettingsViewModel.Loaded empty = SettingsViewModel.Loaded.read(workspace, autostart, true);
        assertThat(SettingsViewModel.plan(empty.settings())).isEqualTo(SettingsViewModel.NOT_SET);
        assertThat(SettingsViewModel.timeZone(empty.settings(), ZoneId.of("Asia/Tokyo"))).isEqualTo("Asia/Tokyo");
        assertThat(SettingsViewModel.resetDay(empty.settings())).isEqualTo(SettingsViewModel.NOT_SET);
        assertThat(SettingsViewModel.notifyAt(empty.settings())).containsExactly("80", "95", "100");
        assertThat(empty.canOpenFolders()).isTrue();
        Files.writeString(tmp.resolve("data").resolve(Settings.FILE), "{ not json");
        SettingsViewModel.Loaded broken = SettingsViewModel.Loaded.read(workspace, autostart, false);
        assertThat(broken.settings()).isEqualTo(Settings.empty());
        assertThat(broken.problem()).endsWith(" Saving replaces it.");
        assertThat(filled(broken).filled(broken)).isEqualTo(broken.problem());
    }

    @Test
    void eachFieldGetsItsMessageAndSaveStaysOffWhileAnythingIsWrong() {
        SettingsViewModel m = filled(SettingsViewModel.Loaded.read(workspace, autostart, false));
        SettingsViewModel.Checked bad = m.changed(input("lots", "Mars/Olympus", "MONDAY", "25:00", "0",
                List.of("80", "150", "x")));
        assertThat(bad.hourlyValue()).isEqualTo(SettingsForm.hourlyValueError("lots")).isNotNull();
        assertThat(bad.timeZone()).isEqualTo(SettingsForm.zoneError("Mars/Olympus")).isNotNull();
        assertThat(bad.resetTime()).isEqualTo(SettingsForm.timeError("25:00")).isNotNull();
        assertThat(bad.proxyPort()).isEqualTo("A port is a whole number from 1 to 65535.");
        assertThat(bad.notifyInvalid()).containsExactly(false, true, true);
        assertThat(bad.notifyAt()).isEqualTo(SettingsForm.percentError("x")); // the last wrong threshold
        assertThat(bad.saveDisabled()).isTrue();
        assertThat(bad.resetTimeDisabled()).isFalse();
        assertThat(bad.formState()).isEqualTo("Fix the marked fields to save.");
        assertThat(m.startSave(bad)).isFalse();
        assertThat(m.mayReload()).isFalse(); // the edits stay when the tab is selected again

        SettingsViewModel.Checked good = m.changed(input("12.5", "Europe/Madrid", null, "", "8082",
                List.of("70", "90", "100")));
        assertThat(good.hourlyValue()).isNull();
        assertThat(good.notifyInvalid()).containsExactly(false, false, false);
        assertThat(good.notifyAt()).isNull();
        assertThat(good.resetTimeDisabled()).isTrue();
        assertThat(good.saveDisabled()).isFalse();
        assertThat(good.formState()).isEmpty();
        assertThat(good.result().settings().hourlyValueUsd()).isEqualTo(12.5);
        assertThat(good.result().settings().proxyPortOrDefault()).isEqualTo(8082);
    }

    @Test
    void aSaveRunsOnceAndASavedFormMayBeReadAgain() {
        SettingsViewModel m = filled(SettingsViewModel.Loaded.read(workspace, autostart, false));
        assertThat(m.mayReload()).isTrue();
        SettingsViewModel.Checked good = m.changed(input("", "UTC", null, "", "8082", List.of("80", "95", "100")));
        assertThat(m.startSave(good)).isTrue();
        assertThat(m.startSave(good)).isFalse(); // a second press while saving writes nothing
        assertThat(m.changed(input("", "UTC", null, "", "8082", List.of("80", "95", "100"))).saveDisabled()).isTrue();
        assertThat(m.notSaved("disk full")).isEqualTo("Not saved: disk full");
        assertThat(m.startSave(good)).isTrue();
        m.saved();
        assertThat(m.mayReload()).isTrue();
    }

    @Test
    void changesWhileFillingAreNoEdits() {
        SettingsViewModel.Loaded l = SettingsViewModel.Loaded.read(workspace, autostart, false);
        SettingsViewModel m = new SettingsViewModel();
        SettingsForm.Input in = input("", "UTC", null, "", "8082", List.of("80", "95", "100"));
        assertThat(m.changed(in)).isNull(); // not loaded yet
        m.beginFill(l);
        assertThat(m.changed(in)).isNull();
        m.stopFilling();
        m.filled(l);
        assertThat(m.mayReload()).isTrue();
        assertThat(m.check(in).saveDisabled()).isFalse();
        assertThat(m.mayReload()).isTrue();
    }

    @Test
    void namesZonesAndFolders() {
        assertThat(SettingsViewModel.days()).hasSize(8).startsWith(SettingsViewModel.NOT_SET, "MONDAY").endsWith("SUNDAY");
        assertThat(SettingsViewModel.dayName("WEDNESDAY")).isEqualTo("Wednesday");
        assertThat(SettingsViewModel.dayName(SettingsViewModel.NOT_SET)).isEqualTo("Not set");
        assertThat(SettingsViewModel.resetDayInput(SettingsViewModel.NOT_SET)).isNull();
        assertThat(SettingsViewModel.resetDayInput("FRIDAY")).isEqualTo("FRIDAY");
        List<String> zones = SettingsViewModel.zones();
        assertThat(SettingsViewModel.matchingZones(zones, " MADR ")).containsExactly("Europe/Madrid");
        assertThat(SettingsViewModel.matchingZones(zones, "")).isEmpty();
        assertThat(SettingsViewModel.matchingZones(zones, "a")).hasSize(30);
        assertThat(SettingsViewModel.autostartNote(true, "/home/ada/.config/autostart/headroom.desktop"))
                .isEqualTo("Entry: /home/ada/.config/autostart/headroom.desktop");
        assertThat(SettingsViewModel.autostartNote(false, "x")).isEmpty();
        Path dir = tmp.resolve("claude");
        List<String> once = SettingsViewModel.withClaudeDir(List.of(), dir);
        assertThat(once).containsExactly(dir.toAbsolutePath().toString());
        assertThat(SettingsViewModel.withClaudeDir(once, dir)).isEqualTo(once);
    }
}
