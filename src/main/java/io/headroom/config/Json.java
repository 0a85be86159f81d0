package io.headroom.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one configured Jackson mapper. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            // Transcript lines and strings have no size cap in Claude Code; neither do we.
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
