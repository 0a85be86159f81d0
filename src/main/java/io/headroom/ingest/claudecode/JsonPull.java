package io.headroom.ingest.claudecode;

/**
 * The pull interface the transcript schema is read through: Jackson's streaming model, cut down
 * to what the schema needs, so the same reading code runs on the fast in-memory scanner and on
 * Jackson for lines too long to hold in memory.
 */
interface JsonPull {

    enum Token { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, STRING, INT, FLOAT, TRUE, FALSE, NULL, END }

    /** Returned by {@link #nextField} at the end of an object (the end is consumed). */
    int END_OF_OBJECT = -2;
    /** Returned by {@link #nextField} for a name not in the table. */
    int OTHER_FIELD = -1;

    /**
     * Inside an object: the index of the next field's name in {@code names}, {@link #OTHER_FIELD},
     * or {@link #END_OF_OBJECT}. Matching by index spares a string per field.
     */
    int nextField(FieldNames names) throws JsonSyntaxException;

    /** The next value token (after a field name, in an array, or at the root). */
    Token nextToken() throws JsonSyntaxException;

    /** The current string, decoded. */
    String text() throws JsonSyntaxException;

    /** The current integer; {@link #intTooLarge()} says when it does not fit a long. */
    long longValue() throws JsonSyntaxException;

    boolean intTooLarge();

    double doubleValue() throws JsonSyntaxException;

    /** After START_OBJECT or START_ARRAY: skips to and past the matching end. */
    void skipChildren() throws JsonSyntaxException;

    /** After the root value: true when only white space remains. */
    boolean atEnd() throws JsonSyntaxException;

    /** A table of field names, as strings and as UTF-8 bytes. */
    final class FieldNames {
        final String[] names;
        final byte[][] bytes;

        FieldNames(String... names) {
            this.names = names;
            this.bytes = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                bytes[i] = names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        int indexOf(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return OTHER_FIELD;
        }
    }

    /** Malformed input; carries the reason, no stack trace. */
    final class JsonSyntaxException extends Exception {
        final SkipReason reason;

        JsonSyntaxException(SkipReason reason) {
            super(reason.code(), null, false, false);
            this.reason = reason;
        }
    }
}
