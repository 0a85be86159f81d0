package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsFormTest {

    private static SettingsForm.Input input(String hourly, String zone, String day, String time, String port,
            List<String> notify) {
        return new SettingsForm.Input("pro", zone, day, time, hourly, port, false, notify, true, true, "light", List.of());
    }

    @Test
    void validInputBecomesSettings() {
        SettingsForm.Result r = SettingsForm.check(input(" 42.5 ", "Europe/Madrid", "THURSDAY", "9:00", "8788",
                List.of("80", "95", "100")));
        assertThat(r.valid()).isTrue();
        assertThat(r.settings()).isEqualTo(new Settings("pro", "Europe/Madrid", "THURSDAY", "09:00", 8788, false, 42.5,
                List.of(80, 95, 100), true, true, "light", List.of()));
        SettingsForm.Result blank = SettingsForm.check(input("", "", null, "ignored", "8787", List.of("80", "95", "100")));
        assertThat(blank.settings().hourlyValueUsd()).isNull();
        assertThat(blank.settings().timeZone()).isNull();
        assertThat(blank.settings().weeklyReset()).isNull();
    }

    @Test
    void eachBadFieldHasItsOwnMessageAndNoSettings() {
        SettingsForm.Result r = SettingsForm.check(input("-3", "Mars/Olympus", "MONDAY", "25:00", "0",
                List.of("80", "abc", "100")));
        assertThat(r.settings()).isNull();
        assertThat(r.errors()).containsOnlyKeys(SettingsForm.HOURLY_VALUE, SettingsForm.TIME_ZONE, SettingsForm.RESET_TIME,
                SettingsForm.PROXY_PORT, SettingsForm.NOTIFY + 1);
        assertThat(SettingsForm.hourlyValueError("abc")).isEqualTo("Enter a number of dollars, like 60 or 42.50.");
        assertThat(SettingsForm.hourlyValueError("NaN")).isNotNull();
        assertThat(SettingsForm.timeError("24:00")).isNotNull();
        assertThat(SettingsForm.timeError("23:59")).isNull();
        assertThat(SettingsForm.portError("65535")).isNull();
        assertThat(SettingsForm.portError("65536")).isEqualTo("A port is a whole number from 1 to 65535.");
        assertThat(SettingsForm.percentError("0")).isEqualTo("A percentage from 1 to 100.");
    }
}
