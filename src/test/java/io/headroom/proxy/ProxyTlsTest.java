package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.ProxyCall;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https upstream: TLS with SNI and host-name verification, on loopback with a throw-away certificate. */
class ProxyTlsTest {

    @TempDir
    Path dir;

    private SSLContext[] contexts() throws Exception {
        Path ks = dir.resolve("fake.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "fake", "-keyalg", "EC", "-dname", "CN=localhost", "-ext",
                "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        try (InputStream out = keytool.getInputStream()) {
            out.readAllBytes();
        }
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        return new SSLContext[] {server, client};
    }

    private static String request(String id) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"stream\":true}";
        return "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: sk-ant-api03-tls\r\nx-fake-id: " + id
                + "\r\ncontent-length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void forwardsOverTlsAndRefusesAnUntrustedCertificate() throws Exception {
        SSLContext[] tls = contexts();
        try (FakeAnthropic fake = new FakeAnthropic(tls[0])) {
            ProxyConfig config = ProxyConfig.defaults(dir.resolve("j")).withPort(0)
                    .withUpstream(URI.create("https://localhost:" + fake.port()));
            List<ProxyCall> calls = new CopyOnWriteArrayList<>();
            try (RecordingProxy p = RecordingProxy.start(config, batch -> { }, tls[1].getSocketFactory())) {
                p.addListener(calls::add);
                for (int i = 0; i < 3; i++) { // the second and third reuse the pooled TLS connection
                    String r = new String(ProxyFixture.raw(p.port(), request("tls" + i)), StandardCharsets.ISO_8859_1);
                    assertThat(r).startsWith("HTTP/1.1 200").contains("event: message_stop");
                }
                ProxyFixture.await(() -> calls.size() == 3, Duration.ofSeconds(5));
                assertThat(calls.get(2).usage().output()).isEqualTo(16);
                assertThat(fake.requestHeaders.get(0)).containsEntry("host", "localhost:" + fake.port());
            }
            // the JDK's default trust store does not know the throw-away certificate: 502, nothing sent
            try (RecordingProxy p = RecordingProxy.start(config, batch -> { },
                    (SSLSocketFactory) SSLSocketFactory.getDefault())) {
                String r = new String(ProxyFixture.raw(p.port(), request("tls9")), StandardCharsets.ISO_8859_1);
                assertThat(r).startsWith("HTTP/1.1 502").contains("Cannot connect to the upstream");
                assertThat(fake.requestHeaders).hasSize(3);
            }
        }
    }
}
