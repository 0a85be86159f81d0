package io.headroom.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The push request in the OTLP/JSON encoding ({@code http/json}): the protobuf message's fields
 * in lowerCamelCase, int64 times as decimal strings, enums as integers, as the specification
 * asks. It writes the message kinds the push builds (string attributes, sums and gauges of
 * double points); the test reads the result back with the protobuf project's own JSON parser.
 */
final class OtlpJson {

    private static final ObjectWriter COMPACT = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private OtlpJson() {
    }

    static byte[] metrics(ExportMetricsServiceRequest request) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode resources = root.putArray("resourceMetrics");
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            ObjectNode r = resources.addObject();
            attributes(r.putObject("resource"), rm.getResource().getAttributesList());
            ArrayNode scopes = r.putArray("scopeMetrics");
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                ObjectNode s = scopes.addObject();
                s.putObject("scope").put("name", sm.getScope().getName()).put("version", sm.getScope().getVersion());
                ArrayNode metrics = s.putArray("metrics");
                for (Metric m : sm.getMetricsList()) {
                    metrics.add(metric(m));
                }
            }
        }
        try {
            return COMPACT.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode metric(Metric m) {
        ObjectNode out = Json.mapper().createObjectNode().put("name", m.getName());
        if (!m.getDescription().isEmpty()) {
            out.put("description", m.getDescription());
        }
        if (!m.getUnit().isEmpty()) {
            out.put("unit", m.getUnit());
        }
        if (m.hasSum()) {
            ObjectNode sum = out.putObject("sum");
            points(sum, m.getSum().getDataPointsList());
            sum.put("aggregationTemporality", m.getSum().getAggregationTemporalityValue());
            sum.put("isMonotonic", m.getSum().getIsMonotonic());
        } else if (m.hasGauge()) {
            points(out.putObject("gauge"), m.getGauge().getDataPointsList());
        }
        return out;
    }

    private static void points(ObjectNode parent, List<NumberDataPoint> points) {
        ArrayNode list = parent.putArray("dataPoints");
        for (NumberDataPoint p : points) {
            ObjectNode o = list.addObject();
            attributes(o, p.getAttributesList());
            if (p.getStartTimeUnixNano() != 0) {
                o.put("startTimeUnixNano", Long.toUnsignedString(p.getStartTimeUnixNano()));
            }
            o.put("timeUnixNano", Long.toUnsignedString(p.getTimeUnixNano()));
            if (p.hasAsInt()) {
                o.put("asInt", Long.toString(p.getAsInt()));
            } else {
                o.put("asDouble", p.getAsDouble());
            }
        }
    }

    private static void attributes(ObjectNode parent, List<KeyValue> attributes) {
        ArrayNode list = parent.putArray("attributes");
        for (KeyValue kv : attributes) {
            list.addObject().put("key", kv.getKey()).putObject("value").put("stringValue", kv.getValue().getStringValue());
        }
    }
}
