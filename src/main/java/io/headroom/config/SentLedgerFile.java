package io.headroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.notify.SentLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifications already sent ({@code notifications-sent.json} in the data folder, 0600), so a
 * restart does not repeat them. An unreadable file counts as empty: at worst one message repeats.
 */
public final class SentLedgerFile {

    public static final String FILE = "notifications-sent.json";

    private SentLedgerFile() {
    }

    public static SentLedger load(Path file) {
        if (!Files.isRegularFile(file)) {
            return SentLedger.empty();
        }
        try {
            List<SentLedger.Entry> entries = new ArrayList<>();
            for (JsonNode e : Json.mapper().readTree(file.toFile()).path("windows")) {
                entries.add(new SentLedger.Entry(LimitWindow.fromCode(e.get("window").asText()),
                        Instant.parse(e.get("start").asText()),
                        e.hasNonNull("end") ? Instant.parse(e.get("end").asText()) : null,
                        e.path("notifiedPercent").asInt(), e.path("resetSent").asBoolean()));
            }
            return new SentLedger(entries);
        } catch (IOException | RuntimeException e) {
            return SentLedger.empty();
        }
    }

    public static void save(Path file, SentLedger ledger) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode windows = root.putArray("windows");
        for (SentLedger.Entry e : ledger.entries()) {
            ObjectNode n = windows.addObject();
            n.put("window", e.window().code());
            n.put("start", e.start().toString());
            n.put("end", e.end() == null ? null : e.end().toString());
            n.put("notifiedPercent", e.notifiedPercent());
            n.put("resetSent", e.resetSent());
        }
        DataDirectory.ensurePrivateDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, Json.mapper().writeValueAsString(root) + "\n");
    }
}
