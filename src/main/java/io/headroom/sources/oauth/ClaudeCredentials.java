package io.headroom.sources.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds the login Claude Code already has: {@code .credentials.json} in {@code CLAUDE_CONFIG_DIR}
 * (each folder of the comma-separated list) or {@code ~/.claude} on Linux and Windows, and on macOS
 * the {@code Claude Code-credentials} Keychain item read through the system's own
 * {@code security} tool (then the file, where Claude Code was pointed at one). The login is read
 * fresh for every request and never refreshed, copied or kept: Claude Code owns it, and a rotated
 * refresh token spent here would sign Claude Code out.
 */
public final class ClaudeCredentials {

    public static final String FILE = ".credentials.json";
    public static final String KEYCHAIN_ITEM = "Claude Code-credentials";
    static final Path SECURITY_TOOL = Path.of("/usr/bin/security");
    private static final long KEYCHAIN_TIMEOUT_SECONDS = 10;

    private final Map<String, String> env;
    private final Path home;
    private final boolean macOs;
    private final Path securityTool;

    ClaudeCredentials(Map<String, String> env, Path home, boolean macOs, Path securityTool) {
        this.env = env;
        this.home = home;
        this.macOs = macOs;
        this.securityTool = securityTool;
    }

    public static ClaudeCredentials of(Map<String, String> env, Path home) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac");
        // The Keychain is the signed-in user's: a Headroom pointed at another home (tests, a copied
        // profile) must not pick up that user's login.
        boolean ownHome = home.toAbsolutePath().normalize().equals(Path.of(System.getProperty("user.home"))
                .toAbsolutePath().normalize());
        return new ClaudeCredentials(env, home, mac && ownHome, SECURITY_TOOL);
    }

    /** The files looked at, in order. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        String configured = env.get("CLAUDE_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            for (String dir : configured.split(",")) {
                if (!dir.isBlank()) {
                    out.add(expand(dir.strip()).resolve(FILE));
                }
            }
        } else {
            out.add(home.resolve(".claude").resolve(FILE));
        }
        return out;
    }

    public LoginLookup find() {
        if (macOs) {
            LoginLookup fromKeychain = keychain();
            if (!(fromKeychain instanceof LoginLookup.NotFound)) {
                return fromKeychain;
            }
        }
        for (Path file : files()) {
            if (Files.isRegularFile(file)) {
                return file(file);
            }
        }
        String where = String.join(", ", files().stream().map(Path::toString).toList());
        return new LoginLookup.NotFound(macOs ? "the Keychain item \"" + KEYCHAIN_ITEM + "\", " + where : where);
    }

    private LoginLookup file(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            // The exception names the file and the OS reason, never its content.
            return new LoginLookup.Unreadable("Cannot read Claude Code's login " + file + ": " + e.getClass()
                    .getSimpleName(), null);
        }
        return parse(bytes, file.toString());
    }

    private LoginLookup keychain() {
        if (!Files.isExecutable(securityTool)) {
            return new LoginLookup.NotFound("the Keychain");
        }
        try {
            Process p = new ProcessBuilder(securityTool.toString(), "find-generic-password", "-s", KEYCHAIN_ITEM, "-w")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // The item is a few hundred bytes, far below a pipe's buffer: waiting first cannot block the tool.
            if (!p.waitFor(KEYCHAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new LoginLookup.Unreadable("The Keychain did not answer within " + KEYCHAIN_TIMEOUT_SECONDS
                        + " s (is it locked?)", null);
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (p.exitValue() != 0) {
                // 44 is "item not found"; anything else (denied, locked) also means no login for us.
                return new LoginLookup.NotFound("the Keychain item \"" + KEYCHAIN_ITEM + "\"");
            }
            return parse(out, "the Keychain item \"" + KEYCHAIN_ITEM + "\"");
        } catch (IOException e) {
            return new LoginLookup.NotFound("the Keychain");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LoginLookup.NotFound("the Keychain");
        }
    }

    /** Jackson's own messages quote the input, so a parse failure is described here without them. */
    static LoginLookup parse(byte[] bytes, String where) {
        String fingerprint = fingerprint(bytes);
        JsonNode root;
        try {
            root = Json.mapper().readTree(new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new LoginLookup.Unreadable("Claude Code's login in " + where + " is not valid JSON", fingerprint);
        }
        JsonNode oauth = root == null ? null : root.path("claudeAiOauth");
        if (oauth == null || !oauth.isObject()) {
            return new LoginLookup.NotFound(where + " (no claudeAiOauth login: Claude Code uses an API key here)");
        }
        JsonNode token = oauth.path("accessToken");
        if (!token.isTextual() || token.asText().isBlank()) {
            return new LoginLookup.Unreadable("Claude Code's login in " + where + " has no access token", fingerprint);
        }
        JsonNode expires = oauth.path("expiresAt");
        Instant expiresAt = expires.isNumber() ? Instant.ofEpochMilli(expires.asLong()) : null;
        JsonNode subscription = oauth.path("subscriptionType");
        return new LoginLookup.Found(new ClaudeLogin(new AccessToken(token.asText()), expiresAt,
                subscription.isTextual() ? subscription.asText() : null, fingerprint, where));
    }

    static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private Path expand(String dir) {
        if (dir.equals("~")) {
            return home;
        }
        if (dir.startsWith("~/")) {
            return home.resolve(dir.substring(2));
        }
        return Path.of(dir);
    }
}
