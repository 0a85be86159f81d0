package io.headroom.domain.windows;

import java.util.Locale;

/** The model families Anthropic caps separately per week. */
public enum ModelFamily {
    OPUS, SONNET, OTHER;

    public static ModelFamily of(String model) {
        if (model == null) {
            return OTHER;
        }
        String m = model.toLowerCase(Locale.ROOT);
        if (m.contains("opus")) {
            return OPUS;
        }
        if (m.contains("sonnet")) {
            return SONNET;
        }
        return OTHER;
    }
}
