package io.headroom.sources.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Usage-endpoint answers kept in the test resources (oauth/). */
public final class UsageBodies {

    private UsageBodies() {
    }

    /** The example of reference section 9, word for word. */
    public static String reference() {
        return load("reference.json");
    }

    /** A newer answer: limits[] with a scoped weekly limit, microsecond resets, null keys, unknown keys. */
    public static String limits() {
        return load("limits.json");
    }

    /** What a gateway in front of the API answers when it is down. */
    public static String garbage() {
        return load("garbage.html");
    }

    private static String load(String name) {
        try (InputStream in = UsageBodies.class.getResourceAsStream("/oauth/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource oauth/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
