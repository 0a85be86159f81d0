package io.headroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbered schema scripts, listed here because a jar's resource folders cannot be listed.
 * Script N brings the schema to version N ({@code PRAGMA user_version}).
 */
public final class Migrations {

    static final List<String> SCRIPTS = List.of(
            "V001__core.sql",
            "V002__utilization.sql",
            "V003__proxy.sql",
            "V004__prompt_model.sql",
            "V005__estimated_index.sql",
            "V006__telemetry.sql",
            "V007__usage_bucket.sql");

    private Migrations() {
    }

    public static int latestVersion() {
        return SCRIPTS.size();
    }

    /** The statements of script {@code version} (1-based). */
    static List<String> statements(int version) {
        String name = SCRIPTS.get(version - 1);
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new StoreException("Migration " + name + " is missing from the build.");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("Cannot read migration " + name, e);
        }
    }

    /**
     * Splits on ';' at the end of a line; comment lines are dropped. A trigger's body (from a line
     * ending in BEGIN to a line "END;") is one statement, whatever its own statements end with.
     */
    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBody = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            String upper = trimmed.toUpperCase(java.util.Locale.ROOT);
            if (upper.endsWith("BEGIN")) {
                inBody = true;
            }
            if (inBody ? upper.equals("END;") : trimmed.endsWith(";")) {
                inBody = false;
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
