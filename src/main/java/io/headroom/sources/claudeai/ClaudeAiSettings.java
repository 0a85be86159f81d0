package io.headroom.sources.claudeai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.headroom.config.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The claude.ai source's own settings ({@code claude-ai.json} in the data folder): whether the
 * user switched it on, the organization found for the key, and when a key was last saved. Nothing
 * here is secret; the key itself lives in the secret store. {@code keySavedAt} lets the source tell
 * a new key from the one that expired without keeping anything derived from the key.
 */
public record ClaudeAiSettings(boolean enabled, String organization, Instant keySavedAt) {

    public static final String FILE = "claude-ai.json";
    public static final ClaudeAiSettings OFF = new ClaudeAiSettings(false, null, null);

    public static ClaudeAiSettings load(Path file) throws IOException {
        JsonNode n;
        try {
            n = Json.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return OFF;
        }
        if (n == null || !n.isObject()) {
            return OFF;
        }
        String org = n.path("organization").isTextual() ? n.path("organization").asText() : null;
        Instant saved = n.path("keySavedAt").isTextual() ? Instant.parse(n.path("keySavedAt").asText()) : null;
        return new ClaudeAiSettings(n.path("enabled").asBoolean(false), org, saved);
    }

    public void save(Path file) throws IOException {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("enabled", enabled);
        if (organization != null) {
            n.put("organization", organization);
        }
        if (keySavedAt != null) {
            n.put("keySavedAt", keySavedAt.toString());
        }
        PrivateFiles.writeAtomically(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    public ClaudeAiSettings withEnabled(boolean on) {
        return new ClaudeAiSettings(on, organization, keySavedAt);
    }

    public ClaudeAiSettings withOrganization(String uuid) {
        return new ClaudeAiSettings(enabled, uuid, keySavedAt);
    }

    /** A new key: switched on, its organization still to be found. */
    public ClaudeAiSettings withNewKey(Instant at) {
        return new ClaudeAiSettings(true, null, at);
    }
}
