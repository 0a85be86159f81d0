package io.headroom.sources.oauth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Claude Code's {@code .credentials.json}, as it writes it, in a test home. */
public final class OauthLogins {

    private OauthLogins() {
    }

    public static Path write(Path home, String token, Instant expiresAt) throws IOException {
        Path file = home.resolve(".claude").resolve(ClaudeCredentials.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"claudeAiOauth":{"accessToken":"%s","refreshToken":"sk-ant-ort01-REFRESH-never-used",\
                "expiresAt":%d,"scopes":["user:inference","user:profile"],"subscriptionType":"max",\
                "rateLimitTier":"default_claude_max_5x"}}""".formatted(token, expiresAt.toEpochMilli()));
        return file;
    }
}
