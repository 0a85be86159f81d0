package io.headroom.ingest.claudecode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;

/** {@link JsonPull} over Jackson's streaming parser, for lines too long to hold in memory. */
final class JacksonPull implements JsonPull {

    private final JsonParser p;

    JacksonPull(JsonParser p) {
        this.p = p;
    }

    @Override
    public int nextField(FieldNames names) throws JsonSyntaxException {
        try {
            String name = p.nextFieldName();
            if (name == null) {
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw new JsonSyntaxException(SkipReason.MALFORMED_JSON);
                }
                return END_OF_OBJECT;
            }
            return names.indexOf(name);
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public Token nextToken() throws JsonSyntaxException {
        try {
            JsonToken t = p.nextToken();
            if (t == null) {
                return Token.END;
            }
            return switch (t) {
                case START_OBJECT -> Token.START_OBJECT;
                case END_OBJECT -> Token.END_OBJECT;
                case START_ARRAY -> Token.START_ARRAY;
                case END_ARRAY -> Token.END_ARRAY;
                case VALUE_STRING -> Token.STRING;
                case VALUE_NUMBER_INT -> Token.INT;
                case VALUE_NUMBER_FLOAT -> Token.FLOAT;
                case VALUE_TRUE -> Token.TRUE;
                case VALUE_FALSE -> Token.FALSE;
                case VALUE_NULL -> Token.NULL;
                default -> throw new JsonSyntaxException(SkipReason.MALFORMED_JSON);
            };
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public String text() throws JsonSyntaxException {
        try {
            return p.getText();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public long longValue() throws JsonSyntaxException {
        try {
            return intTooLarge() ? 0 : p.getLongValue();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean intTooLarge() {
        try {
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public double doubleValue() throws JsonSyntaxException {
        try {
            return p.getDoubleValue();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public void skipChildren() throws JsonSyntaxException {
        try {
            p.skipChildren();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean atEnd() throws JsonSyntaxException {
        try {
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    private static JsonSyntaxException fail(Exception e) {
        String m = String.valueOf(e.getMessage());
        boolean utf8 = e instanceof CharConversionException || m.contains("UTF-8") || m.contains("UTF8");
        return new JsonSyntaxException(utf8 ? SkipReason.INVALID_UTF8 : SkipReason.MALFORMED_JSON);
    }
}
