package io.headroom.ingest.claudecode;

/**
 * The fields Headroom reads from one transcript line. Reused from line to line by one reader
 * thread, so parsing allocates little besides the strings it keeps.
 */
final class ParsedLine {

    enum Content { NONE, STRING, TEXT, TOOL_RESULT }

    String type;
    String uuid;
    String parentUuid;
    String timestamp;
    String sessionId;
    String cwd;
    String requestId;
    String error;
    Integer apiErrorStatus;
    boolean sidechain;
    boolean meta;
    boolean apiError;

    String messageId;
    String model;
    Content content = Content.NONE;
    String firstText;

    boolean hasUsage;
    long input;
    long output;
    long cacheCreation;
    long cacheRead;
    boolean hasCacheBreakdown;
    long cache5m;
    long cache1h;
    int webSearch;
    int webFetch;
    String speed;

    /** A nested assistant line (the {@code data.message} of a progress line), or null. */
    ParsedLine nested;
    SkipReason problem;

    void reset() {
        type = uuid = parentUuid = timestamp = sessionId = cwd = requestId = error = null;
        apiErrorStatus = null;
        sidechain = meta = apiError = false;
        messageId = model = firstText = null;
        content = Content.NONE;
        hasUsage = hasCacheBreakdown = false;
        input = output = cacheCreation = cacheRead = cache5m = cache1h = 0;
        webSearch = webFetch = 0;
        speed = null;
        nested = null;
        problem = null;
    }

    boolean isSynthetic() {
        return apiError || "<synthetic>".equals(model);
    }

    void flag(SkipReason reason) {
        if (problem == null) {
            problem = reason;
        }
    }
}
