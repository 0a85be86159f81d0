package io.headroom.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collector's headers as people write them: {@code Authorization: Bearer abc} (one per line),
 * or {@code Authorization=Bearer abc} as {@code OTEL_EXPORTER_OTLP_HEADERS} and {@code --push-header}
 * take them, several separated by commas. Messages name a bad header's line, never its value.
 */
public final class PushHeaders {

    private PushHeaders() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.contains("\n") ? text.split("\r?\n") : text.split(",(?=[^,=:]+[=:])");
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            int eq = line.indexOf('=');
            int at = colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
            if (at <= 0) {
                throw new IllegalArgumentException("header " + n + " is not NAME: VALUE, like Authorization: Bearer TOKEN");
            }
            String name = line.substring(0, at).strip();
            if (!name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new IllegalArgumentException("header " + n + " has a name that is not a valid header name");
            }
            String value = line.substring(at + 1).strip();
            if (value.chars().anyMatch(c -> c < 32 && c != '\t' || c == 127)) {
                throw new IllegalArgumentException("header " + n + " has a control character in its value");
            }
            out.put(name, value);
        }
        return out;
    }

    public static String format(Map<String, String> headers) {
        StringBuilder b = new StringBuilder();
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }
}
