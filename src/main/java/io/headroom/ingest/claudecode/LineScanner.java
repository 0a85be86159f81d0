package io.headroom.ingest.claudecode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A validating JSON pull scanner over one line held in memory. It does what Jackson's streaming
 * parser does for this schema, but skips string contents in a tight loop (most of a
 * transcript's bytes are tool results, file snapshots and message text that Headroom never
 * reads), it never turns a field name into a string, and it is reused from line to line, so reading a line allocates only the strings kept.
 *
 * <p>It is strict where JSON is: unescaped control characters, bad escapes, malformed numbers,
 * missing commas or colons, unbalanced brackets and trailing garbage all make the line malformed.
 * Strings that are read are checked to be UTF-8; skipped ones are not (as with Jackson).
 */
final class LineScanner implements JsonPull {

    static final int MAX_DEPTH = 2_000;

    /** Bytes that stop a string scan: the quote, the backslash, control characters and non-ASCII. */
    private static final byte[] STRING_SPECIAL = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            STRING_SPECIAL[c] = 1;
        }
        for (int c = 0x80; c < 0x100; c++) {
            STRING_SPECIAL[c] = 1;
        }
        STRING_SPECIAL['"'] = 1;
        STRING_SPECIAL['\\'] = 1;
    }

    /** Eight bytes of a line read as one little-endian long, for {@link #scanString()}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private static final JsonSyntaxException MALFORMED = new JsonSyntaxException(SkipReason.MALFORMED_JSON);
    private static final JsonSyntaxException BAD_UTF8 = new JsonSyntaxException(SkipReason.INVALID_UTF8);

    private byte[] b;
    private int p;
    private int end;
    /**
     * Reading a buffer of many lines from a line's start: a newline ends the line instead of being
     * whitespace, so the line's end is found by parsing it, not by a second pass over its bytes.
     */
    private boolean lineMode;

    // Container stack: true for an object; "first" says no member has been read yet.
    private final boolean[] isObject = new boolean[MAX_DEPTH + 1];
    private final boolean[] first = new boolean[MAX_DEPTH + 1];
    private int depth;
    private boolean rootDone;

    // The current scalar.
    private int tokStart;
    private int tokEnd;
    private boolean tokEscaped;
    private boolean tokNonAscii;
    private boolean tokBig;

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    LineScanner reset(byte[] buf, int off, int len) {
        this.b = buf;
        this.p = off;
        this.end = off + len;
        this.depth = 0;
        this.rootDone = false;
        this.lineMode = false;
        return this;
    }

    /**
     * Reads the line starting at {@code off} in a buffer that holds it and whatever follows, up to
     * {@code limit}. {@link #atEnd()} is then true only right before the newline ending the line;
     * nothing past that newline is ever read, as no JSON token can contain a raw newline.
     */
    LineScanner resetLine(byte[] buf, int off, int limit) {
        reset(buf, off, limit - off);
        this.lineMode = true;
        return this;
    }

    /** Where reading stopped: in line mode after {@link #atEnd()}, the index of the line's newline. */
    int position() {
        return p;
    }

    @Override
    public int nextField(FieldNames names) throws JsonSyntaxException {
        if (!fieldName()) {
            return END_OF_OBJECT;
        }
        if (tokEscaped) {
            return names.indexOf(decode());
        }
        int len = tokEnd - tokStart;
        byte[][] candidates = names.bytes;
        for (int i = 0; i < candidates.length; i++) {
            byte[] c = candidates[i];
            if (c.length == len && java.util.Arrays.equals(b, tokStart, tokEnd, c, 0, len)) {
                return i;
            }
        }
        return OTHER_FIELD;
    }

    /** Reads up to and past the ':' of the next member; false at the object's end (consumed). */
    private boolean fieldName() throws JsonSyntaxException {
        if (depth == 0 || !isObject[depth]) {
            throw MALFORMED;
        }
        skipWs();
        if (first[depth]) {
            if (peek() == '}') {
                p++;
                pop();
                return false;
            }
        } else {
            byte c = next();
            if (c == '}') {
                pop();
                return false;
            }
            if (c != ',') {
                throw MALFORMED;
            }
            skipWs();
        }
        first[depth] = false;
        if (next() != '"') {
            throw MALFORMED;
        }
        scanString();
        int nameStart = tokStart;
        int nameEnd = tokEnd;
        skipWs();
        if (next() != ':') {
            throw MALFORMED;
        }
        tokStart = nameStart;
        tokEnd = nameEnd;
        return true;
    }

    @Override
    public Token nextToken() throws JsonSyntaxException {
        skipWs();
        if (depth == 0) {
            if (rootDone) {
                throw MALFORMED;
            }
            rootDone = true;
        } else if (!isObject[depth]) {
            if (first[depth]) {
                if (peek() == ']') {
                    p++;
                    pop();
                    return Token.END_ARRAY;
                }
            } else {
                byte c = next();
                if (c == ']') {
                    pop();
                    return Token.END_ARRAY;
                }
                if (c != ',') {
                    throw MALFORMED;
                }
                skipWs();
            }
            first[depth] = false;
        }
        return value();
    }

    private Token value() throws JsonSyntaxException {
        byte c = next();
        switch (c) {
            case '{' -> {
                push(true);
                return Token.START_OBJECT;
            }
            case '[' -> {
                push(false);
                return Token.START_ARRAY;
            }
            case '"' -> {
                scanString();
                return Token.STRING;
            }
            case 't' -> {
                literal("rue");
                return Token.TRUE;
            }
            case 'f' -> {
                literal("alse");
                return Token.FALSE;
            }
            case 'n' -> {
                literal("ull");
                return Token.NULL;
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    p--;
                    return number();
                }
                throw MALFORMED;
            }
        }
    }

    @Override
    public String text() throws JsonSyntaxException {
        return decode();
    }

    @Override
    public long longValue() {
        if (tokBig) {
            return 0;
        }
        long v = 0;
        int i = tokStart;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        for (; i < tokEnd; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return negative ? -v : v;
    }

    @Override
    public boolean intTooLarge() {
        return tokBig;
    }

    @Override
    public double doubleValue() throws JsonSyntaxException {
        try {
            return Double.parseDouble(new String(b, tokStart, tokEnd - tokStart, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw MALFORMED;
        }
    }

    @Override
    public void skipChildren() throws JsonSyntaxException {
        int target = depth - 1;
        while (depth > target) {
            if (isObject[depth]) {
                if (fieldName()) {
                    // RFC 8259 allows whitespace after the ':'; fieldName() stops right past it.
                    skipWs();
                    value();
                }
            } else {
                nextToken();
            }
        }
    }

    @Override
    public boolean atEnd() {
        skipWs();
        if (lineMode) {
            return depth == 0 && p < end && b[p] == '\n';
        }
        return depth == 0 && p == end;
    }

    private void push(boolean object) throws JsonSyntaxException {
        if (depth == MAX_DEPTH) {
            throw MALFORMED;
        }
        depth++;
        isObject[depth] = object;
        first[depth] = true;
    }

    private void pop() {
        depth--;
    }

    private byte next() throws JsonSyntaxException {
        if (p >= end) {
            throw MALFORMED;
        }
        return b[p++];
    }

    private byte peek() throws JsonSyntaxException {
        if (p >= end) {
            throw MALFORMED;
        }
        return b[p];
    }

    private void skipWs() {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\t' && c != '\r' && (c != '\n' || lineMode)) {
                return;
            }
            p++;
        }
    }

    private void literal(String rest) throws JsonSyntaxException {
        for (int i = 0; i < rest.length(); i++) {
            if (next() != rest.charAt(i)) {
                throw MALFORMED;
            }
        }
    }

    /** Scans a number per the JSON grammar; the token is INT unless it has a fraction or exponent. */
    private Token number() throws JsonSyntaxException {
        tokStart = p;
        if (peek() == '-') {
            p++;
        }
        int intStart = p;
        if (peek() == '0') {
            p++;
        } else {
            digits();
        }
        int intDigits = p - intStart;
        boolean isFloat = false;
        if (p < end && b[p] == '.') {
            p++;
            digits();
            isFloat = true;
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            digits();
            isFloat = true;
        }
        tokEnd = p;
        tokBig = !isFloat && intDigits > 18;
        return isFloat ? Token.FLOAT : Token.INT;
    }

    private void digits() throws JsonSyntaxException {
        int start = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p == start) {
            throw MALFORMED;
        }
    }

    /**
     * Scans a string whose opening quote was consumed. Eight bytes at a time while none of them can
     * end the string or be invalid in it (a quote, a backslash, a control character), which is
     * nearly all of a transcript's bytes; byte by byte around the bytes that need a look.
     */
    private void scanString() throws JsonSyntaxException {
        tokStart = p;
        tokEscaped = false;
        final byte[] a = b;
        final byte[] special = STRING_SPECIAL;
        final int limit = end;
        long high = 0;
        int i = p;
        while (true) {
            while (i + 8 <= limit) {
                long w = (long) LONGS.get(a, i);
                long q = w ^ QUOTES;
                long s = w ^ BACKSLASHES;
                // Exact "some byte is a quote, a backslash or below 0x20" (the zero-byte test of each).
                if (((((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w)) & HIGHS) != 0) {
                    break;
                }
                high |= w;
                i += 8;
            }
            if (i >= limit) {
                throw MALFORMED;
            }
            byte c = a[i];
            if (special[c & 0xFF] == 0) {
                i++;
                continue;
            }
            if (c == '"') {
                tokEnd = i;
                p = i + 1;
                tokNonAscii = (high & HIGHS) != 0;
                return;
            }
            if (c == '\\') {
                tokEscaped = true;
                i = escape(i + 1);
            } else if (c >= 0) {
                throw MALFORMED;
            } else {
                high = HIGHS;
                i++;
            }
        }
    }

    /** Validates the escape after a backslash at {@code i}; returns the index after it. */
    private int escape(int i) throws JsonSyntaxException {
        if (i >= end) {
            throw MALFORMED;
        }
        switch (b[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                if (i + 5 > end) {
                    throw MALFORMED;
                }
                for (int k = i + 1; k <= i + 4; k++) {
                    if (Character.digit(b[k], 16) < 0) {
                        throw MALFORMED;
                    }
                }
                return i + 5;
            }
            default -> throw MALFORMED;
        }
    }

    /** The current string token as a Java string; UTF-8 is checked, escapes are decoded. */
    private String decode() throws JsonSyntaxException {
        int len = tokEnd - tokStart;
        if (!tokEscaped && !tokNonAscii) {
            return new String(b, tokStart, len, StandardCharsets.ISO_8859_1);
        }
        String raw;
        try {
            raw = utf8.reset().decode(ByteBuffer.wrap(b, tokStart, len)).toString();
        } catch (CharacterCodingException e) {
            throw BAD_UTF8;
        }
        return tokEscaped ? unescape(raw) : raw;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
