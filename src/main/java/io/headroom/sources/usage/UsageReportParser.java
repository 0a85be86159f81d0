package io.headroom.sources.usage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.UsageSource;
import io.headroom.domain.official.ExtraUsage;
import io.headroom.domain.official.Money;
import io.headroom.domain.official.UsageReading;
import io.headroom.domain.official.UsageReading.Origin;
import io.headroom.domain.official.UsageReport;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the usage answer that the OAuth endpoint, claude.ai and Claude Code's cache share
 * (reference: anthropic-api.md section 9). {@code limits[]} is the primary source; the top-level
 * keys fill the windows it does not give. Percentages are percent (0.5 stays 0.5%, never a
 * fraction). A malformed part is skipped and named in {@link UsageReport#problems()}; only an
 * answer with nothing readable at all is an error.
 */
public final class UsageReportParser {

    private static final String SEVEN_DAY_PREFIX = "seven_day_";
    private static final Set<String> MONEY_KEYS = Set.of("extra_usage", "spend");
    /** Epoch numbers above this are milliseconds; seconds reach it only in the year 5138. */
    private static final double EPOCH_MILLIS_FROM = 1e11;

    /** ISO-8601 with an offset written without a colon ("+0000"), which Python's strftime gives. */
    private static final java.time.format.DateTimeFormatter COMPACT_OFFSET = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHmm", "Z").toFormatter();

    private UsageReportParser() {
    }

    public static UsageReport parse(String body, UsageSource source, Instant observedAt) throws UsageReportException {
        if (body == null || body.isBlank()) {
            throw new UsageReportException("The usage answer was empty.");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new UsageReportException("The usage answer is not JSON" + (at == null ? "."
                    : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")."));
        }
        return parse(root, source, observedAt);
    }

    public static UsageReport parse(JsonNode root, UsageSource source, Instant observedAt)
            throws UsageReportException {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new UsageReportException("The usage answer was empty.");
        }
        if (!root.isObject()) {
            throw new UsageReportException("The usage answer is not a JSON object but " + kind(root) + ".");
        }
        if (!carriesUsage(root)) {
            JsonNode error = root.path("error");
            String type = error.isObject() ? error.path("type").asText("") : error.asText("");
            throw new UsageReportException(type.isEmpty() ? "The usage answer carries no usage figures."
                    : "The usage answer is an error (" + type + "), not usage figures.");
        }
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        // Keyed by window and scope: a limits[] figure wins over a top-level key for the same window.
        Map<String, UsageReading> readings = new LinkedHashMap<>();
        JsonNode limits = root.get("limits");
        if (limits != null && !limits.isNull()) {
            if (limits.isArray()) {
                for (int i = 0; i < limits.size(); i++) {
                    UsageReading r = limit(limits.get(i), i, problems);
                    if (r != null) {
                        readings.putIfAbsent(slot(r), r);
                    }
                }
            } else {
                problems.add("limits is " + kind(limits) + ", not a list; skipped.");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            if (key.equals("limits") || MONEY_KEYS.contains(key) || f.getValue().isNull()) {
                continue;
            }
            LimitWindow window = windowOfKey(key);
            if (window == LimitWindow.OTHER && !looksLikeReading(f.getValue())) {
                unknown.add(key);
                continue;
            }
            UsageReading r = keyed(key, window, f.getValue(), problems);
            if (r != null && !coveredByLimits(readings, r)) {
                readings.putIfAbsent(slot(r), r);
            }
        }
        ExtraUsage extra = extraUsage(root, problems);
        return new UsageReport(source, observedAt, new ArrayList<>(readings.values()), extra, unknown, problems);
    }

    private static boolean carriesUsage(JsonNode root) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equals("five_hour") || n.equals("seven_day") || n.startsWith(SEVEN_DAY_PREFIX) || n.equals("limits")
                    || MONEY_KEYS.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static LimitWindow windowOfKey(String key) {
        return switch (key) {
            case "five_hour" -> LimitWindow.FIVE_HOUR;
            case "seven_day" -> LimitWindow.WEEKLY;
            case "seven_day_opus" -> LimitWindow.WEEKLY_OPUS;
            case "seven_day_sonnet" -> LimitWindow.WEEKLY_SONNET;
            default -> key.startsWith(SEVEN_DAY_PREFIX) ? LimitWindow.WEEKLY_SCOPED : LimitWindow.OTHER;
        };
    }

    private static String scopeOfKey(String key, LimitWindow window) {
        return switch (window) {
            case FIVE_HOUR, WEEKLY -> null;
            case WEEKLY_OPUS, WEEKLY_SONNET, WEEKLY_SCOPED -> key.substring(SEVEN_DAY_PREFIX.length());
            default -> key;
        };
    }

    private static boolean looksLikeReading(JsonNode v) {
        return v.isObject() && (v.has("utilization") || v.has("percent"));
    }

    /** A top-level key counts as covered when limits[] already gave that window (scoped ones: same model family). */
    private static boolean coveredByLimits(Map<String, UsageReading> readings, UsageReading r) {
        return readings.values().stream().anyMatch(l -> l.origin() == Origin.LIMITS && l.window() == r.window()
                && (r.window() != LimitWindow.WEEKLY_SCOPED && r.window() != LimitWindow.OTHER
                        || l.scope() != null && l.scope().equalsIgnoreCase(r.scope())));
    }

    private static String slot(UsageReading r) {
        return r.window().code() + "|" + (r.scope() == null ? "" : r.scope().toLowerCase(Locale.ROOT));
    }

    private static UsageReading keyed(String key, LimitWindow window, JsonNode v, List<String> problems) {
        if (!v.isObject()) {
            problems.add(key + " is " + kind(v) + ", not a usage figure; skipped.");
            return null;
        }
        if (!v.has("utilization") && !v.has("percent")) {
            // a changed shape (a renamed field) must show, not vanish like an explicit null
            problems.add(key + " has no utilization or percent; skipped.");
            return null;
        }
        JsonNode percentNode = v.has("utilization") ? v.get("utilization") : v.get("percent");
        if (percentNode.isNull()) {
            return null; // the answer knows the window but has no figure for it
        }
        Double percent = percent(percentNode, key, problems);
        if (percent == null) {
            return null;
        }
        Instant reset = instant(v.get("resets_at"), key, problems);
        return new UsageReading(key, window, scopeOfKey(key, window), percent, reset, null, null, null, Origin.KEY);
    }

    private static UsageReading limit(JsonNode l, int index, List<String> problems) {
        String where = "limits[" + index + "]";
        if (l == null || !l.isObject()) {
            problems.add(where + " is " + kind(l) + ", not a limit; skipped.");
            return null;
        }
        String kind = text(l.get("kind"));
        if (kind == null) {
            problems.add(where + " has no kind; skipped.");
            return null;
        }
        JsonNode percentNode = l.has("percent") ? l.get("percent") : l.get("utilization");
        if (percentNode == null || percentNode.isNull()) {
            problems.add(where + " (" + kind + ") has no percent; skipped.");
            return null;
        }
        Double percent = percent(percentNode, where, problems);
        if (percent == null) {
            return null;
        }
        JsonNode modelNode = l.path("scope").path("model");
        // the documented shape is scope.model.display_name; a bare name or id is read as well
        String model = modelNode.isTextual() ? text(modelNode) : text(modelNode.get("display_name"));
        if (model == null) {
            model = text(modelNode.get("name"));
        }
        String group = text(l.get("group"));
        LimitWindow window;
        String scope;
        switch (kind) {
            case "session", "five_hour" -> {
                window = LimitWindow.FIVE_HOUR;
                scope = null;
            }
            case "weekly_all", "weekly", "seven_day" -> {
                window = LimitWindow.WEEKLY;
                scope = null;
            }
            case "weekly_scoped" -> {
                scope = model != null ? model : group;
                window = scopedWindow(scope);
            }
            default -> {
                window = LimitWindow.OTHER;
                scope = model == null ? kind : kind + " " + model;
            }
        }
        JsonNode activeNode = l.get("is_active");
        Boolean active = activeNode != null && activeNode.isBoolean() ? activeNode.booleanValue() : null;
        Instant reset = instant(l.get("resets_at"), where, problems);
        return new UsageReading(kind, window, scope, percent, reset, text(l.get("severity")), active, group,
                Origin.LIMITS);
    }

    /** A scoped weekly limit for a model becomes that model's weekly window: "Opus 4.8" is the Opus one. */
    private static LimitWindow scopedWindow(String scope) {
        if (scope == null) {
            return LimitWindow.WEEKLY_SCOPED;
        }
        String s = scope.toLowerCase(Locale.ROOT);
        if (s.contains("opus")) {
            return LimitWindow.WEEKLY_OPUS;
        }
        if (s.contains("sonnet")) {
            return LimitWindow.WEEKLY_SONNET;
        }
        return LimitWindow.WEEKLY_SCOPED;
    }

    private static Double percent(JsonNode n, String where, List<String> problems) {
        double p;
        if (n.isNumber()) {
            p = n.doubleValue();
        } else if (n.isTextual()) {
            try {
                p = Double.parseDouble(n.textValue().trim());
            } catch (NumberFormatException e) {
                problems.add(where + " has a percent that is not a number; skipped.");
                return null;
            }
        } else {
            problems.add(where + " has a percent that is " + kind(n) + "; skipped.");
            return null;
        }
        if (!Double.isFinite(p) || p < 0) {
            problems.add(where + " has an impossible percent (" + p + "); skipped.");
            return null;
        }
        return p;
    }

    /** ISO-8601 with or without fraction and offset (no offset: UTC, as the servers write), or epoch seconds/ms. */
    private static Instant instant(JsonNode n, String where, List<String> problems) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            double v = n.doubleValue();
            return v >= EPOCH_MILLIS_FROM ? Instant.ofEpochMilli((long) v) : Instant.ofEpochSecond((long) v);
        }
        String t = n.isTextual() ? n.textValue().trim() : null;
        if (t != null && !t.isEmpty()) {
            // "2026-07-25 07:50:00+00:00" (SQL style) reads as the ISO form
            String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return OffsetDateTime.parse(iso, COMPACT_OFFSET).toInstant();
                } catch (DateTimeParseException notCompact) {
                    try {
                        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notLocal) {
                        // fall through to the problem below
                    }
                }
            }
        }
        problems.add(where + " has a reset time that is not a date; the figure is kept without it.");
        return null;
    }

    private static ExtraUsage extraUsage(JsonNode root, List<String> problems) {
        JsonNode extra = root.get("extra_usage");
        JsonNode spend = root.get("spend");
        if (extra != null && extra.isObject()) {
            String currency = text(extra.get("currency"));
            Money used = cents(extra.get("used_credits"), currency, "extra_usage.used_credits", problems);
            Money limit = cents(extra.get("monthly_limit"), currency, "extra_usage.monthly_limit", problems);
            Boolean reached = spend != null && spend.isObject() ? bool(spend.get("spend_limit_reached")) : null;
            return new ExtraUsage(bool(extra.get("is_enabled")), used, limit, reached);
        }
        if (extra != null && !extra.isNull()) {
            problems.add("extra_usage is " + kind(extra) + "; skipped.");
        }
        if (spend != null && spend.isObject()) {
            return new ExtraUsage(bool(spend.get("enabled")), money(spend.get("used"), "spend.used", problems),
                    money(spend.get("limit"), "spend.limit", problems), bool(spend.get("spend_limit_reached")));
        }
        if (spend != null && !spend.isNull()) {
            problems.add("spend is " + kind(spend) + "; skipped.");
        }
        return null;
    }

    private static Money cents(JsonNode n, String currency, String where, List<String> problems) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            problems.add(where + " is not a number; skipped.");
            return null;
        }
        // extra_usage amounts are cents; fractional cents have been seen as floats such as 500.0
        return new Money(Math.round(n.doubleValue()), 2, currency);
    }

    private static Money money(JsonNode n, String where, List<String> problems) {
        if (n == null || n.isNull()) {
            return null;
        }
        JsonNode amount = n.get("amount_minor");
        if (!n.isObject() || amount == null || !amount.isNumber()) {
            problems.add(where + " has no amount_minor; skipped.");
            return null;
        }
        JsonNode exp = n.get("exponent");
        int exponent = exp != null && exp.canConvertToInt() ? exp.intValue() : 2;
        if (exponent < 0 || exponent > 9) {
            problems.add(where + " has an impossible exponent (" + exponent + "); skipped.");
            return null;
        }
        return new Money(amount.longValue(), exponent, text(n.get("currency")));
    }

    private static Boolean bool(JsonNode n) {
        return n != null && n.isBoolean() ? n.booleanValue() : null;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.textValue().isBlank() ? n.textValue() : null;
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case NULL -> "null";
            default -> "something else";
        };
    }
}
