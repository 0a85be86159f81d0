package io.headroom.ingest.claudecode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the fields Headroom needs from one transcript line with Jackson's streaming parser. Real
 * JSON parsing (no byte-pattern shortcuts, so pretty-printed lines work too), but everything not
 * needed is skipped without being turned into strings: tool results, file snapshots and thinking
 * text cost a scan, not an allocation.
 */
final class LineParser {

    /** No single call carries more; larger values are corrupt data, not usage. */
    static final long ABSURD_TOKENS = 100_000_000L;

    private static final int MAX_TEXT = 2_000;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(2_000)
                    .build())
            .build();

    /** Parses a line held in memory. Returns false if the line is not JSON at all (reason set). */
    void parse(byte[] buf, int off, int len, ParsedLine line, boolean captureText) {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            parseRoot(p, line, captureText);
        } catch (IOException | RuntimeException e) {
            line.problem = classify(e);
        }
    }

    /** Parses a line too long to hold in memory, streaming it. */
    void parse(InputStream in, ParsedLine line) {
        try (JsonParser p = factory.createParser(in)) {
            parseRoot(p, line, false);
        } catch (IOException | RuntimeException e) {
            line.problem = classify(e);
        }
    }

    private static SkipReason classify(Exception e) {
        if (e instanceof CharConversionException) {
            return SkipReason.INVALID_UTF8;
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("UTF-8") || m.contains("UTF8")) {
            return SkipReason.INVALID_UTF8;
        }
        if (e instanceof StreamConstraintsException) {
            return SkipReason.MALFORMED_JSON;
        }
        return SkipReason.MALFORMED_JSON;
    }

    private void parseRoot(JsonParser p, ParsedLine line, boolean captureText) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            line.problem = SkipReason.MALFORMED_JSON;
            return;
        }
        parseLineObject(p, line, captureText, 0);
        if (p.nextToken() != null) {
            line.problem = SkipReason.MALFORMED_JSON;
        }
    }

    private void parseLineObject(JsonParser p, ParsedLine line, boolean captureText, int depth) throws IOException {
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (field) {
                case "type" -> line.type = string(p, t, line);
                case "uuid" -> line.uuid = string(p, t, line);
                case "parentUuid" -> line.parentUuid = string(p, t, line);
                case "timestamp" -> line.timestamp = string(p, t, line);
                case "sessionId" -> line.sessionId = string(p, t, line);
                case "cwd" -> line.cwd = string(p, t, line);
                case "requestId" -> line.requestId = string(p, t, line);
                case "error" -> line.error = t == JsonToken.VALUE_STRING ? p.getText() : skip(p, t, null);
                case "isSidechain" -> line.sidechain = t == JsonToken.VALUE_TRUE;
                case "isMeta" -> line.meta = t == JsonToken.VALUE_TRUE;
                case "isApiErrorMessage" -> line.apiError = t == JsonToken.VALUE_TRUE;
                case "apiErrorStatus" -> line.apiErrorStatus = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                case "message" -> {
                    if (t == JsonToken.START_OBJECT) {
                        line.hasMessage = true;
                        parseMessage(p, line, captureText);
                    } else {
                        skip(p, t, null);
                    }
                }
                case "data" -> {
                    if (t == JsonToken.START_OBJECT && depth == 0) {
                        parseProgressData(p, line, captureText);
                    } else {
                        skip(p, t, null);
                    }
                }
                default -> skip(p, t, null);
            }
        }
    }

    /** A progress line wraps a whole subagent assistant line in {@code data.message}. */
    private void parseProgressData(JsonParser p, ParsedLine line, boolean captureText) throws IOException {
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if ("message".equals(field) && t == JsonToken.START_OBJECT) {
                ParsedLine nested = new ParsedLine();
                parseLineObject(p, nested, captureText, 1);
                if (nested.problem != null) {
                    line.flag(nested.problem);
                }
                line.nested = nested;
            } else {
                skip(p, t, null);
            }
        }
    }

    private void parseMessage(JsonParser p, ParsedLine line, boolean captureText) throws IOException {
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> line.messageId = string(p, t, line);
                case "model" -> line.model = string(p, t, line);
                case "role" -> line.role = string(p, t, line);
                case "usage" -> {
                    if (t == JsonToken.START_OBJECT) {
                        line.hasUsage = true;
                        parseUsage(p, line);
                    } else {
                        skip(p, t, t == JsonToken.VALUE_NULL ? null : line);
                    }
                }
                case "content" -> parseContent(p, t, line, captureText || line.isSynthetic());
                default -> skip(p, t, null);
            }
        }
    }

    private void parseContent(JsonParser p, JsonToken t, ParsedLine line, boolean captureText) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            line.content = ParsedLine.Content.STRING;
            if (captureText) {
                line.firstText = clip(p.getText());
            }
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            skip(p, t, null);
            return;
        }
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            if (item != JsonToken.START_OBJECT) {
                skip(p, item, null);
                continue;
            }
            String blockType = null;
            String text = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if ("type".equals(field) && v == JsonToken.VALUE_STRING) {
                    blockType = p.getText();
                } else if ("text".equals(field) && v == JsonToken.VALUE_STRING && captureText && line.firstText == null) {
                    text = p.getText();
                } else {
                    skip(p, v, null);
                }
            }
            if ("tool_result".equals(blockType)) {
                line.content = ParsedLine.Content.TOOL_RESULT;
            } else if ("text".equals(blockType) && line.content == ParsedLine.Content.NONE) {
                line.content = ParsedLine.Content.TEXT;
            }
            if (text != null && "text".equals(blockType)) {
                line.firstText = clip(text);
            }
        }
    }

    private void parseUsage(JsonParser p, ParsedLine line) throws IOException {
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (field) {
                case "input_tokens" -> line.input = count(p, t, line);
                case "output_tokens" -> line.output = count(p, t, line);
                case "cache_creation_input_tokens" -> line.cacheCreation = count(p, t, line);
                case "cache_read_input_tokens" -> line.cacheRead = count(p, t, line);
                case "speed" -> line.speed = t == JsonToken.VALUE_STRING ? p.getText() : skip(p, t, null);
                case "cache_creation" -> {
                    if (t == JsonToken.START_OBJECT) {
                        line.hasCacheBreakdown = true;
                        String f;
                        while ((f = p.nextFieldName()) != null) {
                            JsonToken v = p.nextToken();
                            if ("ephemeral_5m_input_tokens".equals(f)) {
                                line.cache5m = count(p, v, line);
                            } else if ("ephemeral_1h_input_tokens".equals(f)) {
                                line.cache1h = count(p, v, line);
                            } else {
                                skip(p, v, null);
                            }
                        }
                    } else {
                        skip(p, t, null);
                    }
                }
                case "server_tool_use" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String f;
                        while ((f = p.nextFieldName()) != null) {
                            JsonToken v = p.nextToken();
                            if ("web_search_requests".equals(f)) {
                                line.webSearch = (int) count(p, v, line);
                            } else if ("web_fetch_requests".equals(f)) {
                                line.webFetch = (int) count(p, v, line);
                            } else {
                                skip(p, v, null);
                            }
                        }
                    } else {
                        skip(p, t, null);
                    }
                }
                default -> skip(p, t, null);
            }
        }
    }

    /** A token count: an integer (or an integral float), 0 when null; anything else flags the line. */
    private static long count(JsonParser p, JsonToken t, ParsedLine line) throws IOException {
        long v;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                line.flag(SkipReason.BAD_NUMBER);
                return 0;
            }
            v = p.getLongValue();
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                line.flag(SkipReason.WRONG_TYPE);
                return 0;
            }
            if (Math.abs(d) > ABSURD_TOKENS) {
                line.flag(SkipReason.BAD_NUMBER);
                return 0;
            }
            v = (long) d;
        } else if (t == JsonToken.VALUE_NULL) {
            return 0;
        } else {
            skip(p, t, null);
            line.flag(SkipReason.WRONG_TYPE);
            return 0;
        }
        if (v < 0 || v > ABSURD_TOKENS) {
            line.flag(SkipReason.BAD_NUMBER);
            return 0;
        }
        return v;
    }

    /** A string field; null stays null; any other type flags the line as having a wrong type. */
    private static String string(JsonParser p, JsonToken t, ParsedLine line) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t != JsonToken.VALUE_NULL) {
            skip(p, t, line);
        }
        return null;
    }

    /** Skips a value; when {@code line} is given the value was of the wrong type. */
    private static String skip(JsonParser p, JsonToken t, ParsedLine line) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
        if (line != null) {
            line.flag(SkipReason.WRONG_TYPE);
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
