package io.headroom.service;

import io.headroom.config.DataDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.headroom.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * Adds Headroom's statusLine hook to Claude Code's settings and takes it out again. The settings
 * file is backed up before every change, all other settings are kept as they are, an existing
 * statusLine command is chained (Headroom runs it and shows its first line after its own), and
 * uninstalling restores the previous statusLine exactly.
 */
public final class StatusLineSetup {

    /** Marks a command as ours, so uninstall never removes someone else's. */
    public static final String MAIN_CLASS = "io.headroom.ingest.statusline.StatusLineMain";
    public static final String PREVIOUS_FILE = "statusline-previous.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public record Outcome(Path settingsFile, Path backup, String command, String chained, String message) {
    }

    private StatusLineSetup() {
    }

    /** {@code $CLAUDE_CONFIG_DIR/settings.json} (first entry of a comma list), else {@code ~/.claude/settings.json}. */
    public static Path settingsFile(Map<String, String> env, Path home) {
        String dirs = env.get("CLAUDE_CONFIG_DIR");
        if (dirs != null && !dirs.isBlank()) {
            String first = dirs.split(",")[0].strip();
            if (!first.isEmpty()) {
                return Path.of(first).resolve("settings.json");
            }
        }
        return home.resolve(".claude").resolve("settings.json");
    }

    /** Installs this installation's hook (with its class-data archive, best effort), as the command line does. */
    public static Outcome installThisHook(Path settingsFile, Path dataDir, Instant now) throws IOException {
        String command = StatusLineLauncher.command(dataDir);
        StatusLineLauncher.buildArchive(dataDir);
        return install(settingsFile, dataDir, command, now);
    }

    public static boolean isOurs(JsonNode statusLine) {
        return statusLine != null && statusLine.path("command").asText("").contains(MAIN_CLASS);
    }

    /**
     * @param ourCommand the command that runs the hook, without the chain argument
     */
    public static Outcome install(Path settingsFile, Path dataDir, String ourCommand, Instant now) throws IOException {
        ObjectNode settings = read(settingsFile);
        JsonNode previous = settings.get("statusLine");
        if (isOurs(previous)) {
            return new Outcome(settingsFile, null, previous.path("command").asText(), null,
                    "Headroom's statusLine is already installed in " + settingsFile + ".");
        }
        Path backup = backup(settingsFile, now);
        ObjectNode memory = Json.mapper().createObjectNode();
        memory.put("settingsFile", settingsFile.toString());
        memory.set("statusLine", previous == null ? null : previous.deepCopy());
        memory.put("installedAt", now.toString());
        DataDirectory.ensurePrivateDirectory(dataDir);
        PrivateFiles.writeAtomically(dataDir.resolve(PREVIOUS_FILE), Json.mapper().writeValueAsString(memory) + "\n");

        ObjectNode ours = previous != null && previous.isObject() ? ((ObjectNode) previous).deepCopy()
                : Json.mapper().createObjectNode();
        String chained = previous == null ? null : previous.path("command").asText(null);
        String command = chained == null || chained.isBlank() ? ourCommand
                : ourCommand + " --chain-b64 " + Base64.getEncoder().encodeToString(chained.getBytes(StandardCharsets.UTF_8));
        ours.put("type", "command");
        ours.put("command", command);
        settings.set("statusLine", ours);
        write(settingsFile, settings);
        return new Outcome(settingsFile, backup, command, chained,
                "Installed Headroom's statusLine in " + settingsFile
                        + (chained == null ? "." : "; your previous command runs after it: " + chained));
    }

    public static Outcome uninstall(Path settingsFile, Path dataDir, Instant now) throws IOException {
        ObjectNode settings = read(settingsFile);
        JsonNode current = settings.get("statusLine");
        if (!isOurs(current)) {
            return new Outcome(settingsFile, null, null, null,
                    "Headroom's statusLine is not installed in " + settingsFile + "; nothing was changed.");
        }
        Path memoryFile = dataDir.resolve(PREVIOUS_FILE);
        JsonNode previous = null;
        if (Files.isRegularFile(memoryFile)) {
            previous = Json.mapper().readTree(memoryFile.toFile()).get("statusLine");
        }
        Path backup = backup(settingsFile, now);
        if (previous == null || previous.isNull()) {
            settings.remove("statusLine");
        } else {
            settings.set("statusLine", previous);
        }
        write(settingsFile, settings);
        Files.deleteIfExists(memoryFile);
        return new Outcome(settingsFile, backup, null, previous == null || previous.isNull() ? null
                : previous.path("command").asText(null), "Removed Headroom's statusLine from " + settingsFile
                        + (previous == null || previous.isNull() ? "." : "; your previous statusLine is back."));
    }

    private static ObjectNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return Json.mapper().createObjectNode();
        }
        JsonNode n = Json.mapper().readTree(file.toFile());
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException(file + " is not a JSON object; nothing was changed.");
        }
        return o;
    }

    private static Path backup(Path file, Instant now) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Path copy = file.resolveSibling(file.getFileName() + ".headroom-" + STAMP.format(now) + ".bak");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return copy;
    }

    private static void write(Path file, ObjectNode settings) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, Json.mapper().writeValueAsString(settings) + "\n");
    }
}
