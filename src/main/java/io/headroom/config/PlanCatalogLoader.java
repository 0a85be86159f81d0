package io.headroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.plans.PlanCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the shipped plan catalog and merges the user's {@code plans.json} from the data folder
 * over it: a user plan or tier replaces the shipped one with the same id; new ids are added.
 */
public final class PlanCatalogLoader {

    public static final String RESOURCE = "/headroom/plans.json";
    public static final String USER_FILE = "plans.json";

    public record Loaded(PlanCatalog catalog, List<String> warnings) {
    }

    private PlanCatalogLoader() {
    }

    public static Loaded load(Path userOverride) {
        List<String> warnings = new ArrayList<>();
        ObjectNode merged;
        try (InputStream in = PlanCatalogLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped plan catalog " + RESOURCE + " is missing from the build");
            }
            merged = (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (userOverride != null && Files.isRegularFile(userOverride)) {
            try {
                ObjectNode copy = merged.deepCopy();
                merge(copy, Json.mapper().readTree(userOverride.toFile()));
                parse(copy);
                merged = copy;
            } catch (IOException | RuntimeException e) {
                warnings.add("Ignored " + userOverride + ": " + e.getMessage());
            }
        }
        return new Loaded(parse(merged), List.copyOf(warnings));
    }

    static void merge(ObjectNode base, JsonNode user) {
        if (user.has("asOf")) {
            base.set("asOf", user.get("asOf"));
        }
        for (String list : List.of("plans", "apiTiers")) {
            JsonNode rows = user.get(list);
            if (rows == null || !rows.isArray()) {
                continue;
            }
            ArrayNode target = (ArrayNode) base.get(list);
            for (JsonNode row : rows) {
                String id = row.path("id").asText(null);
                if (id == null) {
                    throw new IllegalArgumentException("an entry of " + list + " without an id");
                }
                for (Iterator<JsonNode> it = target.elements(); it.hasNext();) {
                    if (id.equals(it.next().path("id").asText())) {
                        it.remove();
                    }
                }
                target.add(row);
            }
        }
    }

    static PlanCatalog parse(JsonNode root) {
        List<PlanCatalog.Plan> plans = new ArrayList<>();
        for (JsonNode p : root.path("plans")) {
            List<String> aliases = new ArrayList<>();
            p.path("aliases").forEach(a -> aliases.add(a.asText()));
            JsonNode d = p.path("limitDefaults");
            PlanCatalog.LimitDefaults defaults = d.isObject() ? new PlanCatalog.LimitDefaults(number(d, "fiveHourUsd"),
                    number(d, "weeklyUsd"), d.path("source").asText(null), d.path("asOf").asText(null)) : null;
            JsonNode sw = p.path("autoSwitch").path("opusToSonnetAtPercent");
            plans.add(new PlanCatalog.Plan(text(p, "id"), p.path("name").asText(text(p, "id")), number(p, "priceUsdMonthly"),
                    aliases, defaults, sw.isNumber() ? sw.asInt() : null, p.path("claudeCode").asBoolean(false),
                    p.path("priceSource").asText(null), number(p, "usageMultiple")));
        }
        List<PlanCatalog.ApiTier> tiers = new ArrayList<>();
        for (JsonNode t : root.path("apiTiers")) {
            Map<String, PlanCatalog.RateLimits> limits = new LinkedHashMap<>();
            t.path("limits").fields().forEachRemaining(e -> limits.put(e.getKey(), new PlanCatalog.RateLimits(
                    e.getValue().path("rpm").asLong(), e.getValue().path("itpm").asLong(),
                    e.getValue().path("otpm").asLong())));
            tiers.add(new PlanCatalog.ApiTier(text(t, "id"), t.path("name").asText(text(t, "id")), number(t, "depositUsd"),
                    number(t, "monthlySpendCapUsd"), limits, t.path("source").asText(null), t.path("asOf").asText(null)));
        }
        return new PlanCatalog(LocalDate.parse(text(root, "asOf")), plans, tiers);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("plan catalog: missing \"" + field + "\" in " + n);
        }
        return v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }
}
