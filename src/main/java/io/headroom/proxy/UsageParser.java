package io.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.domain.ProxyCall;

/**
 * Usage fields of Anthropic responses. Every field a later object carries overwrites the earlier
 * value (message_delta counts are cumulative: never add them to message_start's).
 */
final class UsageParser {

    long input;
    long output;
    long cacheCreation;
    Long cache5m;
    Long cache1h;
    long cacheRead;
    int webSearch;
    int webFetch;
    boolean seen;

    void apply(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        seen = true;
        input = pick(usage, "input_tokens", input);
        output = pick(usage, "output_tokens", output);
        cacheCreation = pick(usage, "cache_creation_input_tokens", cacheCreation);
        cacheRead = pick(usage, "cache_read_input_tokens", cacheRead);
        JsonNode split = usage.path("cache_creation");
        if (split.hasNonNull("ephemeral_5m_input_tokens")) {
            cache5m = split.get("ephemeral_5m_input_tokens").asLong();
        }
        if (split.hasNonNull("ephemeral_1h_input_tokens")) {
            cache1h = split.get("ephemeral_1h_input_tokens").asLong();
        }
        JsonNode tools = usage.path("server_tool_use");
        webSearch = (int) pick(tools, "web_search_requests", webSearch);
        webFetch = (int) pick(tools, "web_fetch_requests", webFetch);
    }

    /** The field's value if the object carries it, else the current value (overwrite, never add). */
    private static long pick(JsonNode object, String field, long current) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? current : v.asLong();
    }

    ProxyCall.Usage result() {
        if (!seen) {
            return null;
        }
        long w5;
        long w1;
        if (cache5m != null || cache1h != null) {
            w5 = cache5m == null ? 0 : cache5m;
            w1 = cache1h == null ? 0 : cache1h;
        } else {
            w5 = cacheCreation;
            w1 = 0;
        }
        return new ProxyCall.Usage(input, output, w5, w1, cacheRead, webSearch, webFetch);
    }
}
