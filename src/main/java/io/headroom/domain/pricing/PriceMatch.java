package io.headroom.domain.pricing;

/**
 * The row a model name was priced with, and how it was found. Anything but EXACT or PATTERN is a
 * guess the user is warned about.
 */
public record PriceMatch(ModelPrice price, Kind kind) {

    public enum Kind {
        /** The model name is a key of the table. */
        EXACT,
        /** A dated or prefixed form of a key (claude-haiku-4-5-20251001). */
        PATTERN,
        /** Unknown model, priced as the nearest version of the same family. */
        FAMILY,
        /** Unknown model of no known family, priced with the table's fallback model. */
        FALLBACK
    }

    public boolean isEstimate() {
        return kind == Kind.FAMILY || kind == Kind.FALLBACK;
    }
}
