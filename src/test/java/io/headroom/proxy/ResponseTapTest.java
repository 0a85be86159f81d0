package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.ProxyCall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Usage from SSE as it streams: events split anywhere, start then every delta overwriting. */
class ResponseTapTest {

    private static final String STREAM = "event: message_start\r\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-opus-4-5\",\"usage\":"
            + "{\"input_tokens\":25,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":900,"
            + "\"output_tokens\":1}}}\r\n\r\n"
            + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\""
            + "x".repeat(5000) + "\"}}\n\n"
            + "event: future_event\ndata: {\"type\":\"future_event\"}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":10}}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"input_tokens\":30,"
            + "\"output_tokens\":42,\"server_tool_use\":{\"web_search_requests\":2}}}\n\n"
            + "data: {\"type\":\"message_stop\"}\n\n";

    private static ResponseTap feed(byte[] bytes, List<Integer> cuts) {
        ResponseTap tap = new ResponseTap(true, false, -1);
        int from = 0;
        for (int cut : cuts.stream().map(c -> Math.floorMod(c, bytes.length + 1)).sorted().toList()) {
            tap.accept(bytes, from, cut - from);
            from = cut;
        }
        tap.accept(bytes, from, bytes.length - from);
        tap.decode();
        return tap;
    }

    @Property(tries = 200)
    void splitAnywhereGivesTheSameUsage(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 6000) Integer> cuts) {
        ResponseTap tap = feed(STREAM.getBytes(StandardCharsets.UTF_8), cuts);
        ProxyCall.Usage u = tap.usage.result();
        assertThat(u).isEqualTo(new ProxyCall.Usage(30, 42, 100, 0, 900, 2, 0));
        assertThat(tap.messageId).isEqualTo("msg_1");
        assertThat(tap.model).isEqualTo("claude-opus-4-5");
        assertThat(tap.sawStart()).isTrue();
        assertThat(tap.sawStop()).isTrue();
    }

    @Test
    void cutStreamKeepsStartUsageAndErrorEventIsRead() {
        String cut = STREAM.substring(0, STREAM.indexOf("event: ping"))
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                + "\"Overloaded\"}}\n\n";
        ResponseTap tap = feed(cut.getBytes(StandardCharsets.UTF_8), List.of());
        assertThat(tap.usage.result()).isEqualTo(new ProxyCall.Usage(25, 1, 100, 0, 900, 0, 0));
        assertThat(tap.errorType).isEqualTo("overloaded_error");
        assertThat(tap.sawStop()).isFalse();
    }

    @Test
    void jsonBodyWithCacheSplitAndSpendLimitError() {
        byte[] ok = ("{\"id\":\"msg_2\",\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\""
                + ":5,\"output_tokens\":7,\"cache_creation_input_tokens\":30,\"cache_creation\":{"
                + "\"ephemeral_5m_input_tokens\":10,\"ephemeral_1h_input_tokens\":20},\"cache_read_input_tokens\":0}}")
                .getBytes(StandardCharsets.UTF_8);
        ResponseTap tap = new ResponseTap(false, true, 10); // a short length hint grows as needed
        tap.accept(ok, 0, 40);
        tap.accept(ok, 40, ok.length - 40);
        tap.decode();
        assertThat(tap.usage.result()).isEqualTo(new ProxyCall.Usage(5, 7, 10, 20, 0, 0, 0));
        assertThat(tap.messageId).isEqualTo("msg_2");

        byte[] err = ("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"m\",\"details\":{"
                + "\"error_code\":\"enforced_spend_limit_reached\"}},\"request_id\":\"req_1\"}")
                .getBytes(StandardCharsets.UTF_8);
        ResponseTap e = new ResponseTap(false, true, err.length);
        e.accept(err, 0, err.length);
        e.decode();
        assertThat(e.errorType).isEqualTo("rate_limit_error");
        assertThat(e.errorCode).isEqualTo("enforced_spend_limit_reached");
        assertThat(e.usage.result()).isNull();
    }
}
