package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.TeamSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One part that cannot start leaves the others running and is said in a sentence; applying again fixes it. */
class TeamServicesTest {

    @TempDir
    Path tmp;

    @Test
    void aBusyPortStopsOnlyItsOwnPart() throws Exception {
        try (Workspace ws = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
                ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TeamServices team = ws.team();
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            team.addProblemListener(heard::add);
            TeamSettings wanted = new TeamSettings(true, 0, true, busy.getLocalPort(), "127.0.0.1", false, null,
                    TeamSettings.PROTOBUF, 60, "ana", "ws-1", false);

            List<String> problems = team.apply(wanted, Map.of());

            assertThat(problems).containsExactly("The metrics are not served: Cannot listen for Prometheus on 127.0.0.1:"
                    + busy.getLocalPort() + " (Address already in use)");
            assertThat(heard).isEqualTo(problems);
            assertThat(team.running()).hasSize(1);
            assertThat(team.running().get(0)).startsWith("Receiving Claude Code's telemetry at http://127.0.0.1:");
            int receiverPort = ws.telemetry().status() == null ? -1 : java.net.URI.create(ws.telemetry().status().listen())
                    .getPort();

            TeamSettings fixed = new TeamSettings(true, 0, true, 0, "127.0.0.1", false, null, TeamSettings.PROTOBUF, 60,
                    "ana", "ws-1", false);
            assertThat(team.apply(fixed, Map.of())).isEmpty();
            assertThat(team.running()).hasSize(2);
            assertThat(team.running().get(1)).startsWith("Serving metrics at http://127.0.0.1:").endsWith(
                    "/metrics as user ana on host ws-1.");
            assertThat(java.net.URI.create(ws.telemetry().status().listen()).getPort())
                    .as("the receiver, asked for the same port, kept running").isEqualTo(receiverPort);

            team.close();
            assertThat(team.running()).isEmpty();
            assertThat(ws.telemetry().running()).isFalse();
        }
    }
}
