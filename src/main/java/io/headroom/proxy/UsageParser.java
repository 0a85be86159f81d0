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
        if (usage.hasNonNull("input_tokens")) {
            input = usage.get("input_tokens").asLong();
        }
        if (usage.hasNonNull("output_tokens")) {
            output = usage.get("output_tokens").asLong();
        }
        if (usage.hasNonNull("cache_creation_input_tokens")) {
            cacheCreation = usage.get("cache_creation_input_tokens").asLong();
        }
        if (usage.hasNonNull("cache_read_input_tokens")) {
            cacheRead = usage.get("cache_read_input_tokens").asLong();
        }
        JsonNode split = usage.get("cache_creation");
        if (split != null && split.isObject()) {
            if (split.hasNonNull("ephemeral_5m_input_tokens")) {
                cache5m = split.get("ephemeral_5m_input_tokens").asLong();
            }
            if (split.hasNonNull("ephemeral_1h_input_tokens")) {
                cache1h = split.get("ephemeral_1h_input_tokens").asLong();
            }
        }
        JsonNode tools = usage.get("server_tool_use");
        if (tools != null && tools.isObject()) {
            if (tools.hasNonNull("web_search_requests")) {
                webSearch = tools.get("web_search_requests").asInt();
            }
            if (tools.hasNonNull("web_fetch_requests")) {
                webFetch = tools.get("web_fetch_requests").asInt();
            }
        }
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
