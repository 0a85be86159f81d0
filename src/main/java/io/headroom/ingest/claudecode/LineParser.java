package io.headroom.ingest.claudecode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.headroom.ingest.claudecode.JsonPull.FieldNames;
import io.headroom.ingest.claudecode.JsonPull.JsonSyntaxException;
import io.headroom.ingest.claudecode.JsonPull.Token;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the fields Headroom needs from one transcript line: real JSON parsing (no byte-pattern
 * shortcuts, so pretty-printed lines work too), with everything not needed skipped without being
 * turned into strings. Lines in memory go through {@link LineScanner}; longer ones stream
 * through Jackson. Both feed the same schema reading below.
 */
final class LineParser {

    /** No single call carries more; larger values are corrupt data, not usage. */
    static final long ABSURD_TOKENS = 100_000_000L;

    private static final int MAX_TEXT = 2_000;

    private static final FieldNames LINE = new FieldNames("type", "uuid", "parentUuid", "timestamp", "sessionId", "cwd",
            "requestId", "error", "isSidechain", "isMeta", "isApiErrorMessage", "apiErrorStatus", "message", "data");
    private static final FieldNames MESSAGE = new FieldNames("id", "model", "usage", "content");
    private static final FieldNames USAGE = new FieldNames("input_tokens", "output_tokens",
            "cache_creation_input_tokens", "cache_read_input_tokens", "speed", "cache_creation", "server_tool_use");
    private static final FieldNames CACHE_CREATION = new FieldNames("ephemeral_5m_input_tokens",
            "ephemeral_1h_input_tokens");
    private static final FieldNames SERVER_TOOLS = new FieldNames("web_search_requests", "web_fetch_requests");
    private static final FieldNames DATA = new FieldNames("message");
    private static final FieldNames BLOCK = new FieldNames("type", "text");

    private final LineScanner scanner = new LineScanner();
    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(LineScanner.MAX_DEPTH)
                    .build())
            .build();

    /** Parses a line held in memory; problems end up in {@code line.problem}. */
    void parse(byte[] buf, int off, int len, ParsedLine line, boolean captureText) {
        try {
            parseRoot(scanner.reset(buf, off, len), line, captureText);
        } catch (JsonSyntaxException e) {
            line.problem = e.reason;
        }
    }

    /**
     * Parses the line starting at {@code off} of a buffer filled up to {@code limit}, finding its end
     * as it goes. Returns the index of the newline ending it when the line is well-formed JSON;
     * otherwise -1, and the caller finds the newline and parses the line with {@link #parse(byte[],
     * int, int, ParsedLine, boolean)}, which says what is wrong (rare: malformed or blank lines, and
     * a line cut by the end of the buffer).
     */
    int parseLine(byte[] buf, int off, int limit, ParsedLine line) {
        try {
            LineScanner s = scanner.resetLine(buf, off, limit);
            if (s.nextToken() != Token.START_OBJECT) {
                return -1;
            }
            parseLineObject(s, line, false, 0);
            return s.atEnd() ? s.position() : -1;
        } catch (JsonSyntaxException e) {
            return -1;
        }
    }

    /** Parses a line too long to hold in memory, streaming it. */
    void parse(InputStream in, ParsedLine line) {
        try (JsonParser p = factory.createParser(in)) {
            parseRoot(new JacksonPull(p), line, false);
        } catch (JsonSyntaxException e) {
            line.problem = e.reason;
        } catch (IOException | RuntimeException e) {
            line.problem = SkipReason.MALFORMED_JSON;
        }
    }

    private void parseRoot(JsonPull p, ParsedLine line, boolean captureText) throws JsonSyntaxException {
        if (p.nextToken() != Token.START_OBJECT) {
            line.problem = SkipReason.MALFORMED_JSON;
            return;
        }
        parseLineObject(p, line, captureText, 0);
        if (!p.atEnd()) {
            line.problem = SkipReason.MALFORMED_JSON;
        }
    }

    private void parseLineObject(JsonPull p, ParsedLine line, boolean captureText, int depth)
            throws JsonSyntaxException {
        int field;
        while ((field = p.nextField(LINE)) != JsonPull.END_OF_OBJECT) {
            Token t = p.nextToken();
            switch (field) {
                case 0 -> line.type = string(p, t, line);
                case 1 -> line.uuid = string(p, t, line);
                case 2 -> line.parentUuid = string(p, t, line);
                case 3 -> line.timestamp = string(p, t, line);
                case 4 -> line.sessionId = string(p, t, line);
                case 5 -> line.cwd = string(p, t, line);
                case 6 -> line.requestId = string(p, t, line);
                case 7 -> line.error = t == Token.STRING ? p.text() : skip(p, t, null);
                case 8 -> line.sidechain = t == Token.TRUE;
                case 9 -> line.meta = t == Token.TRUE;
                case 10 -> line.apiError = t == Token.TRUE;
                case 11 -> line.apiErrorStatus = t == Token.INT && !p.intTooLarge() ? (int) p.longValue() : null;
                case 12 -> {
                    if (t == Token.START_OBJECT) {
                        parseMessage(p, line, captureText);
                    } else {
                        skip(p, t, null);
                    }
                }
                case 13 -> {
                    if (t == Token.START_OBJECT && depth == 0) {
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
    private void parseProgressData(JsonPull p, ParsedLine line, boolean captureText) throws JsonSyntaxException {
        int field;
        while ((field = p.nextField(DATA)) != JsonPull.END_OF_OBJECT) {
            Token t = p.nextToken();
            if (field == 0 && t == Token.START_OBJECT) {
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

    private void parseMessage(JsonPull p, ParsedLine line, boolean captureText) throws JsonSyntaxException {
        int field;
        while ((field = p.nextField(MESSAGE)) != JsonPull.END_OF_OBJECT) {
            Token t = p.nextToken();
            switch (field) {
                case 0 -> line.messageId = string(p, t, line);
                case 1 -> line.model = string(p, t, line);
                case 2 -> {
                    if (t == Token.START_OBJECT) {
                        line.hasUsage = true;
                        parseUsage(p, line);
                    } else {
                        skip(p, t, t == Token.NULL ? null : line);
                    }
                }
                case 3 -> parseContent(p, t, line, captureText || line.isSynthetic());
                default -> skip(p, t, null);
            }
        }
    }

    private void parseContent(JsonPull p, Token t, ParsedLine line, boolean captureText) throws JsonSyntaxException {
        if (t == Token.STRING) {
            line.content = ParsedLine.Content.STRING;
            if (captureText) {
                line.firstText = clip(p.text());
            }
            return;
        }
        if (t != Token.START_ARRAY) {
            skip(p, t, null);
            return;
        }
        Token item;
        while ((item = p.nextToken()) != Token.END_ARRAY) {
            if (item != Token.START_OBJECT) {
                skip(p, item, null);
                continue;
            }
            String blockType = null;
            String text = null;
            int field;
            while ((field = p.nextField(BLOCK)) != JsonPull.END_OF_OBJECT) {
                Token v = p.nextToken();
                if (field == 0 && v == Token.STRING) {
                    blockType = p.text();
                } else if (field == 1 && v == Token.STRING && captureText && line.firstText == null) {
                    text = p.text();
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

    private void parseUsage(JsonPull p, ParsedLine line) throws JsonSyntaxException {
        int field;
        while ((field = p.nextField(USAGE)) != JsonPull.END_OF_OBJECT) {
            Token t = p.nextToken();
            switch (field) {
                case 0 -> line.input = count(p, t, line);
                case 1 -> line.output = count(p, t, line);
                case 2 -> line.cacheCreation = count(p, t, line);
                case 3 -> line.cacheRead = count(p, t, line);
                case 4 -> line.speed = t == Token.STRING ? p.text() : skip(p, t, null);
                case 5 -> {
                    if (t == Token.START_OBJECT) {
                        line.hasCacheBreakdown = true;
                        int f;
                        while ((f = p.nextField(CACHE_CREATION)) != JsonPull.END_OF_OBJECT) {
                            Token v = p.nextToken();
                            if (f == 0) {
                                line.cache5m = count(p, v, line);
                            } else if (f == 1) {
                                line.cache1h = count(p, v, line);
                            } else {
                                skip(p, v, null);
                            }
                        }
                    } else {
                        skip(p, t, null);
                    }
                }
                case 6 -> {
                    if (t == Token.START_OBJECT) {
                        int f;
                        while ((f = p.nextField(SERVER_TOOLS)) != JsonPull.END_OF_OBJECT) {
                            Token v = p.nextToken();
                            if (f == 0) {
                                line.webSearch = (int) count(p, v, line);
                            } else if (f == 1) {
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
    private static long count(JsonPull p, Token t, ParsedLine line) throws JsonSyntaxException {
        long v;
        if (t == Token.INT) {
            if (p.intTooLarge()) {
                line.flag(SkipReason.BAD_NUMBER);
                return 0;
            }
            v = p.longValue();
        } else if (t == Token.FLOAT) {
            double d = p.doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                line.flag(SkipReason.WRONG_TYPE);
                return 0;
            }
            if (Math.abs(d) > ABSURD_TOKENS) {
                line.flag(SkipReason.BAD_NUMBER);
                return 0;
            }
            v = (long) d;
        } else if (t == Token.NULL) {
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
    private static String string(JsonPull p, Token t, ParsedLine line) throws JsonSyntaxException {
        if (t == Token.STRING) {
            return p.text();
        }
        if (t != Token.NULL) {
            skip(p, t, line);
        }
        return null;
    }

    /** Skips a value; when {@code line} is given the value was of the wrong type. */
    private static String skip(JsonPull p, Token t, ParsedLine line) throws JsonSyntaxException {
        if (t == Token.START_OBJECT || t == Token.START_ARRAY) {
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
