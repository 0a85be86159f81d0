package io.headroom.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.headroom.config.Json;
import io.headroom.domain.telemetry.TelemetryRecord;
import io.headroom.domain.telemetry.TokenPoint;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP export requests, protobuf (with the official opentelemetry-proto classes) or JSON (the
 * OTLP/JSON mapping: lowerCamelCase keys, int64 as strings or numbers, enums as integers), turned
 * into what Headroom reads. A request that cannot be parsed at all is an {@link OtlpException};
 * a record or point that is unreadable on its own is listed and the rest kept.
 */
public final class OtlpDecoding {

    static final String TOKEN_USAGE = "claude_code.token.usage";
    private static final int DELTA = AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA_VALUE;
    private static final int CUMULATIVE = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE_VALUE;

    /** The records of a logs export and, per record that could not be read, why. */
    public record Logs(List<TelemetryRecord> records, List<String> unreadable) {
    }

    /** The token-usage points of a metrics export, how many points it had in all, and the unreadable ones. */
    public record Metrics(List<TokenPoint> tokenPoints, int dataPoints, List<String> unreadable) {
    }

    private OtlpDecoding() {
    }

    public static Logs logs(byte[] body, OtlpFormat format, Instant received) throws OtlpException {
        return format == OtlpFormat.PROTOBUF ? logsFromProtobuf(body, received) : logsFromJson(tree(body), received);
    }

    public static Metrics metrics(byte[] body, OtlpFormat format) throws OtlpException {
        return format == OtlpFormat.PROTOBUF ? metricsFromProtobuf(body) : metricsFromJson(tree(body));
    }

    // ---- protobuf ----

    private static Logs logsFromProtobuf(byte[] body, Instant received) throws OtlpException {
        ExportLogsServiceRequest request;
        try {
            request = ExportLogsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new OtlpException("The body is not an OTLP logs request in protobuf: " + e.getMessage());
        }
        List<TelemetryRecord> out = new ArrayList<>();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Map<String, Object> resource = attributes(rl.getResource().getAttributesList());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    Map<String, Object> attrs = new LinkedHashMap<>(resource);
                    attrs.putAll(attributes(r.getAttributesList()));
                    String name = r.getBody().hasStringValue() ? r.getBody().getStringValue() : r.getEventName();
                    out.add(new TelemetryRecord(name, time(attrs, r.getTimeUnixNano(), r.getObservedTimeUnixNano(),
                            received), attrs));
                }
            }
        }
        return new Logs(out, List.of());
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (KeyValue kv : list) {
            Object v = value(kv.getValue());
            if (v != null) {
                out.put(kv.getKey(), v);
            }
        }
        return out;
    }

    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOL_VALUE -> v.getBoolValue();
            default -> null; // arrays, maps and bytes carry nothing Headroom reads
        };
    }

    private static Metrics metricsFromProtobuf(byte[] body) throws OtlpException {
        ExportMetricsServiceRequest request;
        try {
            request = ExportMetricsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new OtlpException("The body is not an OTLP metrics request in protobuf: " + e.getMessage());
        }
        List<TokenPoint> points = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int all = 0;
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            Map<String, Object> resource = attributes(rm.getResource().getAttributesList());
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    List<NumberDataPoint> dps = m.hasSum() ? m.getSum().getDataPointsList()
                            : m.hasGauge() ? m.getGauge().getDataPointsList() : List.of();
                    all += dps.size();
                    if (!TOKEN_USAGE.equals(m.getName()) || !m.hasSum()) {
                        continue;
                    }
                    int temporality = m.getSum().getAggregationTemporalityValue();
                    for (NumberDataPoint dp : dps) {
                        Map<String, Object> attrs = new LinkedHashMap<>(resource);
                        attrs.putAll(attributes(dp.getAttributesList()));
                        Double value = dp.hasAsInt() ? Double.valueOf(dp.getAsInt())
                                : dp.hasAsDouble() ? Double.valueOf(dp.getAsDouble()) : null;
                        point(attrs, dp.getStartTimeUnixNano(), dp.getTimeUnixNano(), value, temporality, points,
                                unreadable);
                    }
                }
            }
        }
        return new Metrics(points, all, unreadable);
    }

    // ---- JSON ----

    private static JsonNode tree(byte[] body) throws OtlpException {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n == null || !n.isObject()) {
                throw new OtlpException("The body is not a JSON object.");
            }
            return n;
        } catch (IOException e) {
            throw new OtlpException("The body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static Logs logsFromJson(JsonNode root, Instant received) throws OtlpException {
        List<TelemetryRecord> out = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonNode rl : array(root, "resourceLogs", "resource_logs")) {
            Map<String, Object> resource = attributes(field(field(rl, "resource"), "attributes"));
            for (JsonNode sl : array(rl, "scopeLogs", "scope_logs")) {
                for (JsonNode r : array(sl, "logRecords", "log_records")) {
                    try {
                        Map<String, Object> attrs = new LinkedHashMap<>(resource);
                        attrs.putAll(attributes(field(r, "attributes")));
                        JsonNode body = field(r, "body");
                        String name = body.has("stringValue") ? body.get("stringValue").asText()
                                : body.has("string_value") ? body.get("string_value").asText()
                                : text(r, "eventName", "event_name");
                        out.add(new TelemetryRecord(name, time(attrs, nanos(r, "timeUnixNano", "time_unix_nano"),
                                nanos(r, "observedTimeUnixNano", "observed_time_unix_nano"), received), attrs));
                    } catch (IllegalArgumentException e) {
                        unreadable.add("log record: " + e.getMessage());
                    }
                }
            }
        }
        return new Logs(out, unreadable);
    }

    private static Metrics metricsFromJson(JsonNode root) throws OtlpException {
        List<TokenPoint> points = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int all = 0;
        for (JsonNode rm : array(root, "resourceMetrics", "resource_metrics")) {
            Map<String, Object> resource = attributes(field(field(rm, "resource"), "attributes"));
            for (JsonNode sm : array(rm, "scopeMetrics", "scope_metrics")) {
                for (JsonNode m : array(sm, "metrics")) {
                    JsonNode sum = field(m, "sum");
                    JsonNode data = sum.isMissingNode() ? field(m, "gauge") : sum;
                    List<JsonNode> dps = array(data, "dataPoints", "data_points");
                    all += dps.size();
                    if (!TOKEN_USAGE.equals(m.path("name").asText()) || sum.isMissingNode()) {
                        continue;
                    }
                    int temporality = sum.path(sum.has("aggregationTemporality") ? "aggregationTemporality"
                            : "aggregation_temporality").asInt(DELTA);
                    for (JsonNode dp : dps) {
                        try {
                            Map<String, Object> attrs = new LinkedHashMap<>(resource);
                            attrs.putAll(attributes(field(dp, "attributes")));
                            JsonNode asInt = dp.has("asInt") ? dp.get("asInt") : dp.get("as_int");
                            JsonNode asDouble = dp.has("asDouble") ? dp.get("asDouble") : dp.get("as_double");
                            Double value = asInt != null ? Double.valueOf(whole(asInt))
                                    : asDouble != null ? Double.valueOf(asDouble.asDouble()) : null;
                            point(attrs, nanos(dp, "startTimeUnixNano", "start_time_unix_nano"),
                                    nanos(dp, "timeUnixNano", "time_unix_nano"), value, temporality, points, unreadable);
                        } catch (IllegalArgumentException e) {
                            unreadable.add(TOKEN_USAGE + " point: " + e.getMessage());
                        }
                    }
                }
            }
        }
        return new Metrics(points, all, unreadable);
    }

    private static Map<String, Object> attributes(JsonNode list) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!list.isArray()) {
            return out;
        }
        for (JsonNode kv : list) {
            String key = kv.path("key").asText(null);
            JsonNode v = field(kv, "value");
            if (key == null) {
                continue;
            }
            Object value = null;
            if (v.has("stringValue") || v.has("string_value")) {
                value = field(v, v.has("stringValue") ? "stringValue" : "string_value").asText();
            } else if (v.has("intValue") || v.has("int_value")) {
                value = whole(field(v, v.has("intValue") ? "intValue" : "int_value"));
            } else if (v.has("doubleValue") || v.has("double_value")) {
                value = field(v, v.has("doubleValue") ? "doubleValue" : "double_value").asDouble();
            } else if (v.has("boolValue") || v.has("bool_value")) {
                value = field(v, v.has("boolValue") ? "boolValue" : "bool_value").asBoolean();
            }
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    /** An int64 as OTLP/JSON allows it: a JSON number or a decimal string. */
    private static long whole(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer: \"" + shorten(n.asText()) + "\"");
            }
        }
        throw new IllegalArgumentException("not an integer: " + shorten(n.toString()));
    }

    private static long nanos(JsonNode n, String camel, String snake) {
        JsonNode v = n.has(camel) ? n.get(camel) : n.get(snake);
        return v == null || v.isNull() ? 0 : whole(v);
    }

    private static JsonNode field(JsonNode n, String name) {
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n.path(name);
    }

    private static String text(JsonNode n, String camel, String snake) {
        JsonNode v = n.has(camel) ? n.get(camel) : n.get(snake);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The elements of an array field (under either spelling); a field of another type is an error. */
    private static List<JsonNode> array(JsonNode n, String... names) throws OtlpException {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isArray()) {
                throw new OtlpException("'" + name + "' is not an array.");
            }
            List<JsonNode> out = new ArrayList<>(v.size());
            v.forEach(out::add);
            return out;
        }
        return List.of();
    }

    // ---- shared ----

    private static void point(Map<String, Object> attrs, long startNanos, long endNanos, Double value, int temporality,
            List<TokenPoint> out, List<String> unreadable) {
        Object session = attrs.get("session.id");
        Object type = attrs.get("type");
        Object model = attrs.get("model");
        if (session == null || type == null || model == null || value == null || value < 0 || value.isNaN()
                || endNanos <= 0) {
            unreadable.add(TOKEN_USAGE + " point without session.id, type, model, time or a value");
            return;
        }
        String bareModel = model.toString().replaceFirst("\\[[^\\]]*\\]$", "");
        Instant end = fromNanos(endNanos);
        Instant start = startNanos > 0 ? fromNanos(startNanos) : end;
        out.add(new TokenPoint(session.toString(), bareModel, type.toString(), start, end, Math.round(value),
                temporality == CUMULATIVE));
    }

    /** The event's own time ({@code event.timestamp}), else the record's, else when it was observed or received. */
    private static Instant time(Map<String, Object> attrs, long timeNanos, long observedNanos, Instant received) {
        Object stamp = attrs.get("event.timestamp");
        if (stamp instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException ignored) {
                // fall back to the record's times
            }
        }
        if (timeNanos > 0) {
            return fromNanos(timeNanos);
        }
        return observedNanos > 0 ? fromNanos(observedNanos) : received;
    }

    private static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
