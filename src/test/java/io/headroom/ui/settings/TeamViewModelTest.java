package io.headroom.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.TeamSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamViewModelTest {

    static TeamViewModel.Fields fields(boolean receive, String port, boolean metrics, String bind, boolean push,
            String url, String interval, String user) {
        return new TeamViewModel.Fields(receive, port, metrics, "9464", bind, push, url, TeamSettings.JSON, interval, user,
                "", false);
    }

    @Test
    void validFieldsBecomeTheTeamSettings() {
        TeamViewModel.Checked c = TeamViewModel.check(fields(true, " 4319 ", true, "0.0.0.0", true,
                "https://otel.example.com:4318", "30", "ana"));

        assertThat(c.errors()).isEmpty();
        assertThat(c.settings()).isEqualTo(new TeamSettings(true, 4319, true, 9464, "0.0.0.0", true,
                "https://otel.example.com:4318", TeamSettings.JSON, 30, "ana", null, false));
    }

    @Test
    void eachBadFieldGetsItsOwnMessage() {
        TeamViewModel.Checked c = TeamViewModel.check(fields(true, "70000", false, "127.0.0.1", true, "", "2",
                "ana@example.com"));

        assertThat(c.valid()).isFalse();
        assertThat(c.errors()).isEqualTo(Map.of(
                TeamViewModel.TELEMETRY_PORT, "A port is a whole number from 1 to 65535.",
                TeamViewModel.PUSH_URL, "The collector's address, like http://collector:4318.",
                TeamViewModel.PUSH_INTERVAL, "Seconds between pushes, 5 to 86400.",
                TeamViewModel.ALIAS, "A name, not an email address."));
        assertThat(TeamViewModel.check(fields(false, "4318", false, "127.0.0.1", false, "ftp://x", "60", ""))
                .errors()).isEqualTo(Map.of(TeamViewModel.PUSH_URL, "An address like http://collector:4318."));
    }

    @Test
    void theLinesToPastePointClaudeCodeAtThisReceiver() {
        assertThat(TeamViewModel.linesToPaste("4319")).isEqualTo("export CLAUDE_CODE_ENABLE_TELEMETRY=1\n"
                + "export OTEL_LOGS_EXPORTER=otlp\nexport OTEL_METRICS_EXPORTER=otlp\n"
                + "export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\n"
                + "export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4319");
        assertThat(TeamViewModel.linesToPaste("not a port")).endsWith("http://127.0.0.1:4318");
    }

    @Test
    void metricsReachableFromOtherMachinesAreWarnedAbout() {
        assertThat(TeamViewModel.bindWarning("127.0.0.1")).isNull();
        assertThat(TeamViewModel.bindWarning("localhost")).isNull();
        assertThat(TeamViewModel.bindWarning("0.0.0.0")).isEqualTo("Warning: on 0.0.0.0 other machines can read your "
                + "usage figures. Use an address only your monitoring can reach.");
    }

    @Test
    void savedSettingsFillTheFieldsBack() {
        TeamSettings s = new TeamSettings(true, 4319, false, 9465, "127.0.0.1", false, null, TeamSettings.PROTOBUF, 60,
                null, "ws-1", true);

        assertThat(TeamViewModel.check(TeamViewModel.Fields.of(s)).settings()).isEqualTo(s);
    }
}
