package io.headroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.pricing.ModelPrice;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.domain.pricing.Rates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Loads the shipped price table and merges the user's {@code prices.json} from the data folder
 * over it: a user row replaces every shipped row with the same id; new ids are added.
 */
public final class PriceTableLoader {

    public static final String RESOURCE = "/headroom/prices.json";
    public static final String USER_FILE = "prices.json";

    /** The merged table and a fingerprint of its content, so stored costs can be redone when it changes. */
    public record Loaded(PriceTable table, String fingerprint, List<String> warnings) {
    }

    private PriceTableLoader() {
    }

    public static Loaded load(Path userOverride) {
        List<String> warnings = new ArrayList<>();
        ObjectNode merged = readShipped();
        if (userOverride != null && Files.isRegularFile(userOverride)) {
            try {
                JsonNode user = Json.mapper().readTree(userOverride.toFile());
                merge(merged, user);
            } catch (IOException | RuntimeException e) {
                warnings.add("Ignored " + userOverride + ": " + e.getMessage());
            }
        }
        return new Loaded(parse(merged), fingerprint(merged), List.copyOf(warnings));
    }

    /** The shipped table, parsed once per process (a copy each time: merging changes it). */
    static ObjectNode readShipped() {
        return Shipped.TABLE.deepCopy();
    }

    private static final class Shipped {
        static final ObjectNode TABLE = parseShipped();
    }

    /** Parses the shipped table now, so a command that needs it later finds it ready. */
    public static void preload() {
        readShipped();
    }

    private static ObjectNode parseShipped() {
        try (InputStream in = PriceTableLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped price table " + RESOURCE + " is missing from the build");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void merge(ObjectNode base, JsonNode user) {
        for (String field : List.of("asOf", "longContextThreshold", "fallbackModel")) {
            if (user.has(field)) {
                base.set(field, user.get(field));
            }
        }
        JsonNode userModels = user.get("models");
        if (userModels == null || !userModels.isArray()) {
            return;
        }
        ArrayNode models = (ArrayNode) base.get("models");
        List<String> replaced = new ArrayList<>();
        for (JsonNode m : userModels) {
            String id = m.path("id").asText(null);
            if (id == null) {
                throw new IllegalArgumentException("a model without an id");
            }
            if (!replaced.contains(id)) {
                for (Iterator<JsonNode> it = models.elements(); it.hasNext();) {
                    if (id.equals(it.next().path("id").asText())) {
                        it.remove();
                    }
                }
                replaced.add(id);
            }
            models.add(m);
        }
    }

    static PriceTable parse(JsonNode root) {
        List<ModelPrice> rows = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            List<String> match = new ArrayList<>();
            m.path("match").forEach(n -> match.add(n.asText()));
            rows.add(new ModelPrice(
                    required(m, "id").asText(),
                    match,
                    rates(required(m, "rates")),
                    m.hasNonNull("above") ? rates(m.get("above")) : null,
                    m.hasNonNull("fastMultiplier") ? m.get("fastMultiplier").asDouble() : null,
                    m.hasNonNull("fastMultiplierAbove") ? m.get("fastMultiplierAbove").asDouble() : null,
                    m.hasNonNull("validFrom") ? Instant.parse(m.get("validFrom").asText()) : null,
                    m.hasNonNull("validTo") ? Instant.parse(m.get("validTo").asText()) : null,
                    m.path("source").asText("")));
        }
        return new PriceTable(LocalDate.parse(required(root, "asOf").asText()),
                root.path("longContextThreshold").asLong(200_000),
                root.path("fallbackModel").asText("claude-sonnet-4-6"), rows);
    }

    private static Rates rates(JsonNode r) {
        double input = required(r, "input").asDouble();
        return new Rates(input, required(r, "output").asDouble(),
                r.path("cacheWrite5m").asDouble(input * 1.25),
                r.path("cacheWrite1h").asDouble(input * 2),
                r.path("cacheRead").asDouble(input * 0.1));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("price table: missing \"" + field + "\" in " + node);
        }
        return v;
    }

    private static String fingerprint(JsonNode merged) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.mapper().writeValueAsString(merged).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
