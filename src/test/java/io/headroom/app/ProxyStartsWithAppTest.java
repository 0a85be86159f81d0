package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.service.Workspace;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With "start with the app" set, opening the app starts the recording proxy on the chosen port. */
class ProxyStartsWithAppTest {

    @TempDir
    Path tmp;

    @Test
    void theProxyListensOnTheConfiguredPortAfterTheAppStarts() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (Workspace ws = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp)) {
            ws.saveSettings(Settings.empty().withProxy(port, true));
            DesktopLauncher.startProxyIfWanted(ws);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!ws.proxy().running() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ws.proxy().running()).isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertThat(s.isConnected()).isTrue();
            }
        }
    }

    @Test
    void withoutTheSettingNothingListens() throws Exception {
        try (Workspace ws = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp)) {
            DesktopLauncher.startProxyIfWanted(ws);
            Thread.sleep(500);
            assertThat(ws.proxy().running()).isFalse();
        }
    }
}
