package io.headroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth usage switch: on when nothing says otherwise, kept through every other change and a save. */
class OauthUsageSettingTest {

    @TempDir
    Path dir;

    @Test
    void onByDefaultAndForSettingsWrittenBeforeTheSwitchExisted() throws Exception {
        assertThat(Settings.empty().oauthUsageEnabled()).isTrue();
        Path file = dir.resolve(Settings.FILE);
        Files.writeString(file, "{\"plan\":\"max5\",\"tray\":false}");
        assertThat(Settings.load(file).oauthUsageEnabled()).isTrue();
    }

    @Test
    void offSurvivesOtherChangesAndASave() throws Exception {
        Settings off = Settings.empty().withOauthUsage(false).withPlan("pro").withTray(false).withTheme(Settings.DARK)
                .withTimeZone("Europe/Madrid").withWeeklyReset("THURSDAY", "09:00").withProxy(9000, true)
                .withHourlyValue(30.0).withNotifications(java.util.List.of(50), false)
                .withClaudeDirs(java.util.List.of("/x"));
        assertThat(off.oauthUsageEnabled()).isFalse();
        Path file = dir.resolve(Settings.FILE);
        off.save(file);
        assertThat(Files.readString(file)).contains("\"oauthUsage\" : false");
        assertThat(Settings.load(file)).isEqualTo(off);
        assertThat(Settings.load(file).withOauthUsage(true).oauthUsageEnabled()).isTrue();
    }
}
