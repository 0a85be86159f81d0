package io.headroom.sources.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCredentialsTest {

    private static final Instant EXPIRES = Instant.parse("2026-07-25T14:00:00Z");

    @TempDir
    Path home;

    private static ClaudeLogin found(LoginLookup lookup) {
        assertThat(lookup).isInstanceOf(LoginLookup.Found.class);
        return ((LoginLookup.Found) lookup).login();
    }

    @Test
    void readsTheLoginFromDotClaude() throws Exception {
        Path file = OauthLogins.write(home, FakeUsageEndpoint.TOKEN, EXPIRES);
        ClaudeLogin login = found(new ClaudeCredentials(Map.of(), home, false, Path.of("/nonexistent")).find());

        assertThat(login.token().bearer()).isEqualTo("Bearer " + FakeUsageEndpoint.TOKEN);
        assertThat(login.expiresAt()).isEqualTo(EXPIRES);
        assertThat(login.subscriptionType()).isEqualTo("max");
        assertThat(login.where()).isEqualTo(file.toString());
        assertThat(login.fingerprint()).hasSize(64).isEqualTo(ClaudeCredentials.fingerprint(Files.readAllBytes(file)));
        assertThat(login.toString()).doesNotContain(FakeUsageEndpoint.TOKEN);
        assertThat(login.expiredAt(EXPIRES)).isTrue();
        assertThat(login.expiredAt(EXPIRES.minusMillis(1))).isFalse();
    }

    @Test
    void claudeConfigDirIsWhereClaudeCodeKeepsItThen() throws Exception {
        Path other = home.resolve("work-profile");
        OauthLogins.write(other.getParent(), "sk-ant-oat01-in-home", EXPIRES);
        Path inOther = other.resolve(ClaudeCredentials.FILE);
        Files.createDirectories(other);
        Files.writeString(inOther, "{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-in-profile\"}}");
        ClaudeCredentials credentials = new ClaudeCredentials(Map.of("CLAUDE_CONFIG_DIR",
                home.resolve("empty") + "," + other), home, false, Path.of("/nonexistent"));

        assertThat(credentials.files()).containsExactly(home.resolve("empty").resolve(ClaudeCredentials.FILE), inOther);
        ClaudeLogin login = found(credentials.find());
        assertThat(login.token().bearer()).isEqualTo("Bearer sk-ant-oat01-in-profile");
        assertThat(login.expiresAt()).isNull();
    }

    @Test
    void noFileIsNoLoginAndSaysWhereItLooked() {
        LoginLookup lookup = new ClaudeCredentials(Map.of(), home, false, Path.of("/nonexistent")).find();
        assertThat(lookup).isEqualTo(new LoginLookup.NotFound(home.resolve(".claude/.credentials.json").toString()));
    }

    @Test
    void anApiKeyOnlyFileIsNoLogin() throws Exception {
        Path file = home.resolve(".claude").resolve(ClaudeCredentials.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"primaryApiKey\":\"sk-ant-api03-not-for-us\"}");
        LoginLookup lookup = new ClaudeCredentials(Map.of(), home, false, Path.of("/nonexistent")).find();
        assertThat(lookup).isInstanceOf(LoginLookup.NotFound.class);
        assertThat(lookup.toString()).doesNotContain("sk-ant-api03");
    }

    @Test
    void aLoginWithoutAnAccessTokenIsUnreadable() throws Exception {
        Path file = home.resolve(".claude").resolve(ClaudeCredentials.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"claudeAiOauth\":{\"refreshToken\":\"sk-ant-ort01-secret\",\"accessToken\":\"\"}}");
        LoginLookup lookup = new ClaudeCredentials(Map.of(), home, false, Path.of("/nonexistent")).find();
        assertThat(((LoginLookup.Unreadable) lookup).problem())
                .isEqualTo("Claude Code's login in " + file + " has no access token");
        assertThat(lookup.toString()).doesNotContain("sk-ant-ort01-secret");
    }

    /** macOS: the system's security tool prints the Keychain item; here a script stands in for it, as a real process. */
    @Test
    void onMacOsTheKeychainItemComesFirst() throws Exception {
        Path tool = home.resolve("security");
        Path argsSeen = home.resolve("args");
        Files.writeString(tool, """
                #!/bin/sh
                echo "$@" > '%s'
                if [ "$1|$2|$3|$4" = "find-generic-password|-s|Claude Code-credentials|-w" ]; then
                  printf '%%s\\n' '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-from-keychain","expiresAt":1785074400000}}'
                  exit 0
                fi
                exit 44
                """.formatted(argsSeen));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        OauthLogins.write(home, "sk-ant-oat01-from-file", EXPIRES);

        ClaudeLogin login = found(new ClaudeCredentials(Map.of(), home, true, tool).find());
        assertThat(login.token().bearer()).isEqualTo("Bearer sk-ant-oat01-from-keychain");
        assertThat(login.expiresAt()).isEqualTo(Instant.ofEpochMilli(1785074400000L));
        assertThat(login.where()).isEqualTo("the Keychain item \"Claude Code-credentials\"");
        assertThat(Files.readString(argsSeen).strip()).isEqualTo("find-generic-password -s Claude Code-credentials -w");
    }

    @Test
    void onMacOsWithoutTheKeychainItemTheFileIsUsed() throws Exception {
        Path tool = home.resolve("security");
        Files.writeString(tool, "#!/bin/sh\nexit 44\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        OauthLogins.write(home, "sk-ant-oat01-from-file", EXPIRES);
        assertThat(found(new ClaudeCredentials(Map.of(), home, true, tool).find()).token().bearer())
                .isEqualTo("Bearer sk-ant-oat01-from-file");
        assertThat(new ClaudeCredentials(Map.of(), home.resolve("nobody"), true, tool).find())
                .isEqualTo(new LoginLookup.NotFound("the Keychain item \"Claude Code-credentials\", "
                        + home.resolve("nobody/.claude/.credentials.json")));
    }
}
