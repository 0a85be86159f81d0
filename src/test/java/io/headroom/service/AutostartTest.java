package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartTest {

    @TempDir
    Path home;

    @Test
    void linuxWritesAnXdgAutostartEntryAndRemovesOnlyIt() throws Exception {
        Autostart a = new Autostart("Linux", Map.of(), home, List.of("/opt/headroom/bin/Headroom"));
        Files.createDirectories(home.resolve(".config/autostart"));
        Files.writeString(home.resolve(".config/autostart/other.desktop"), "[Desktop Entry]\n");
        assertThat(a.enabled()).isFalse();
        a.enable();
        assertThat(a.entry()).isEqualTo(home.resolve(".config/autostart/headroom.desktop"));
        assertThat(Files.readString(a.entry())).contains("Type=Application").contains("Name=Headroom")
                .contains("Exec=env GDK_GL=disable /opt/headroom/bin/Headroom\n").contains("X-GNOME-Autostart-enabled=true");
        assertThat(a.enabled()).isTrue();
        a.disable();
        assertThat(a.enabled()).isFalse();
        assertThat(home.resolve(".config/autostart/other.desktop")).exists();
    }

    @Test
    void xdgConfigHomeAndQuotingOfPathsWithSpaces() throws Exception {
        Path xdg = home.resolve("cfg");
        Autostart a = new Autostart("Linux", Map.of("XDG_CONFIG_HOME", xdg.toString()), home,
                List.of("/usr/bin/java", "-jar", "/home/ada/My Apps/headroom.jar"));
        a.enable();
        assertThat(a.entry()).isEqualTo(xdg.resolve("autostart/headroom.desktop"));
        assertThat(Files.readString(a.entry())).contains("Exec=env GDK_GL=disable /usr/bin/java -jar \"/home/ada/My Apps/headroom.jar\"\n");
    }

    @Test
    void macOsWritesALaunchAgent() throws Exception {
        Autostart a = new Autostart("Mac OS X", Map.of(), home,
                List.of("/Applications/Headroom.app/Contents/MacOS/Headroom"));
        a.enable();
        assertThat(a.entry()).isEqualTo(home.resolve("Library/LaunchAgents/io.headroom.Headroom.plist"));
        assertThat(Files.readString(a.entry())).contains("<key>RunAtLoad</key>\n  <true/>")
                .contains("<string>/Applications/Headroom.app/Contents/MacOS/Headroom</string>")
                .contains("<string>io.headroom.Headroom</string>");
        a.disable();
        assertThat(a.enabled()).isFalse();
    }

    @Test
    void windowsUsesTheStartupFolder() {
        Autostart a = new Autostart("Windows 11", Map.of("APPDATA", "/c/Users/ada/AppData/Roaming"), home,
                List.of("C:\\\\Program Files\\\\Headroom\\\\Headroom.exe"));
        assertThat(a.entry()).isEqualTo(Path.of("/c/Users/ada/AppData/Roaming", "Microsoft", "Windows", "Start Menu",
                "Programs", "Startup", "Headroom.lnk"));
    }

    @Test
    void theConsoleLaunchersLoginEntryOpensTheWindowThroughTheWindowLauncher() throws Exception {
        Path bin = Files.createDirectories(home.resolve("opt/headroom/bin"));
        Path console = Files.createFile(bin.resolve("headroom"));
        assertThat(Autostart.windowLauncher(console)).as("no window launcher beside it").isEqualTo(console);

        Path window = Files.createFile(bin.resolve("Headroom"));
        assertThat(Autostart.windowLauncher(console)).isEqualTo(window);
        assertThat(Autostart.windowLauncher(window)).isEqualTo(window);
        Path elsewhere = Files.createFile(Files.createDirectories(home.resolve("bin")).resolve("other"));
        assertThat(Autostart.windowLauncher(elsewhere)).isEqualTo(elsewhere);
    }
}
