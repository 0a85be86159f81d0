package io.headroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    static final Path HOME = Path.of("/home/ada");

    @Test
    void headroomHomeWinsEverywhere() {
        assertThat(DataDirectory.resolve(Map.of("HEADROOM_HOME", "/data/hr"), "Linux", HOME).path())
                .isEqualTo(Path.of("/data/hr"));
        assertThat(DataDirectory.resolve(Map.of("HEADROOM_HOME", "/data/hr"), "Mac OS X", HOME).database())
                .isEqualTo(Path.of("/data/hr/headroom.db"));
    }

    @Test
    void linuxFollowsXdg() {
        assertThat(DataDirectory.resolve(Map.of(), "Linux", HOME).path()).isEqualTo(Path.of("/home/ada/.local/share/headroom"));
        assertThat(DataDirectory.resolve(Map.of("XDG_DATA_HOME", "/x"), "Linux", HOME).path())
                .isEqualTo(Path.of("/x/headroom"));
        // The XDG spec says relative values are invalid and must be ignored.
        assertThat(DataDirectory.resolve(Map.of("XDG_DATA_HOME", "rel"), "Linux", HOME).path())
                .isEqualTo(Path.of("/home/ada/.local/share/headroom"));
    }

    @Test
    void macAndWindowsConventions() {
        assertThat(DataDirectory.resolve(Map.of(), "Mac OS X", HOME).path())
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Headroom"));
        assertThat(DataDirectory.resolve(Map.of("LOCALAPPDATA", "/c/Users/ada/AppData/Local"), "Windows 11", HOME).path())
                .isEqualTo(Path.of("/c/Users/ada/AppData/Local/Headroom"));
    }
}
