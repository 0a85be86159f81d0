package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Host check on a running proxy: exactly the loopback names and addresses, bare or with the
 * listener's port, are answered; names a DNS-rebinding page can point at loopback are refused, and a
 * request with two Host headers, an empty one or none (HTTP/1.1) is malformed.
 */
class ProxyHostCheckTest {

    @TempDir
    Path dir;

    private static String status(int port, String headers) throws Exception {
        String response = new String(ProxyFixture.raw(port, "GET /v1/models HTTP/1.1\r\n" + headers + "\r\n"),
                StandardCharsets.ISO_8859_1);
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void answersExactlyTheLoopbackNamesWithTheListenersPort() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            int p = f.proxy.port();
            int other = p + 1 == f.fake.port() || p == 65535 ? p - 1 : p + 1;
            Map<String, String> expected = new LinkedHashMap<>();
            for (String ok : List.of("localhost", "localhost:" + p, "LocalHost:" + p, "127.0.0.1", "127.0.0.1:" + p,
                    "127.1.2.3:" + p, "127.255.255.254", "[::1]", "[::1]:" + p, "[::1]:" + p + " ")) {
                expected.put("Host: " + ok + "\r\n", "HTTP/1.1 200 OK");
            }
            for (String refused : List.of("127.0.0.1.nip.io", "127.0.0.1.nip.io:" + p, "127.evil.com:" + p,
                    "localhost.evil.com", "localhost.", "evil.example:" + p, "localhost:" + other,
                    "127.0.0.1:" + other, "[::1]:" + other, "127.0.0.1:", "127.0.0.1:" + p + ":" + p,
                    "127.0.0.256", "127.0.1", "::1:" + p, "[::1]x", "[::2]:" + p, "0.0.0.0:" + p,
                    "10.0.0.1:" + p)) {
                expected.put("Host: " + refused + "\r\n", "HTTP/1.1 403 Forbidden");
            }
            expected.put("Host: localhost:" + p + "\r\nHost: localhost:" + p + "\r\n", "HTTP/1.1 400 Bad Request");
            expected.put("Host: localhost\r\nHost: 127.0.0.1.nip.io\r\n", "HTTP/1.1 400 Bad Request");
            expected.put("Host:\r\n", "HTTP/1.1 400 Bad Request");
            expected.put("Accept: */*\r\n", "HTTP/1.1 400 Bad Request");
            Map<String, String> actual = new LinkedHashMap<>();
            for (String headers : expected.keySet()) {
                actual.put(headers, status(p, headers));
            }
            assertThat(actual).containsExactlyEntriesOf(expected);
            String body = new String(ProxyFixture.raw(p, "GET /v1/models HTTP/1.1\r\nHost: localhost\r\n"
                    + "Host: localhost\r\n\r\n"), StandardCharsets.UTF_8);
            assertThat(body).contains("more than one Host header");
        }
    }
}
