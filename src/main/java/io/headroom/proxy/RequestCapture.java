package io.headroom.proxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;

/**
 * Keeps the first bytes of a request body: enough to replay a small request on a fresh upstream
 * connection and to read the top-level model, stream and speed fields. Never stored.
 */
final class RequestCapture implements Bodies.Tap {

    static final int LIMIT = 256 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private boolean overflow;
    String model;
    Boolean stream;
    String speed;

    @Override
    public void accept(byte[] b, int off, int len) {
        if (overflow) {
            return;
        }
        if (bytes.size() + len > LIMIT) {
            overflow = true;
            int room = LIMIT - bytes.size();
            bytes.write(b, off, room);
            return;
        }
        bytes.write(b, off, len);
    }

    /** Bytes held for this call. */
    int retained() {
        return bytes.size();
    }

    /** The whole body, or null if it was larger than the capture. */
    byte[] complete() {
        return overflow ? null : bytes.toByteArray();
    }

    /** Reads model/stream/speed from the top level; a cut-off capture yields what came before the cut. */
    void decode() {
        if (bytes.size() == 0) {
            return;
        }
        try (JsonParser p = ResponseTap.MAPPER.getFactory().createParser(bytes.toByteArray())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "model" -> model = v == JsonToken.VALUE_STRING ? p.getText() : model;
                    case "stream" -> stream = v == JsonToken.VALUE_TRUE ? Boolean.TRUE
                            : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : stream;
                    case "speed" -> speed = v == JsonToken.VALUE_STRING ? p.getText() : speed;
                    default -> p.skipChildren();
                }
            }
        } catch (Exception e) {
            // A cut or non-JSON body: keep what was read.
        }
    }
}
