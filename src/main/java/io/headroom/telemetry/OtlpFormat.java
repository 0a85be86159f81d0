package io.headroom.telemetry;

import java.util.Locale;

/** The two encodings of OTLP/HTTP, told apart by the request's Content-Type. */
public enum OtlpFormat {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String contentType;

    OtlpFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Null for any other media type; parameters such as {@code ; charset=utf-8} are ignored. */
    public static OtlpFormat of(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            return null;
        }
        String media = contentTypeHeader.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (OtlpFormat f : values()) {
            if (f.contentType.equals(media)) {
                return f;
            }
        }
        return null;
    }
}
