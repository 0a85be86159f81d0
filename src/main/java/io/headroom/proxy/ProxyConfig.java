package io.headroom.proxy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How the recording proxy runs. The bind address must be a loopback address: the proxy carries
 * the user's credentials and is never an open relay.
 *
 * @param port            the local port; 0 picks a free one
 * @param upstream        http(s)://host[:port], the only place requests go
 * @param journal         the append-only spill file for records the store cannot take yet
 * @param maxRequestBody  bytes; larger bodies get 413
 * @param maxHeaderBytes  bytes of request head; larger heads get 431
 * @param idleTimeout     a client connection silent this long is closed (408 mid-request)
 * @param connectTimeout  upstream connect bound (504 when exceeded)
 * @param readTimeout     upstream silence bound (504 before the response, a cut stream after)
 * @param maxConnections  concurrent client connections; more get 503
 * @param queueCapacity   records held in memory before spilling to the journal
 */
public record ProxyConfig(InetAddress bindAddress, int port, URI upstream, Path journal, long maxRequestBody,
        int maxHeaderBytes, Duration idleTimeout, Duration connectTimeout, Duration readTimeout,
        int maxConnections, int queueCapacity) {

    public static final int DEFAULT_PORT = 8787;
    public static final URI DEFAULT_UPSTREAM = URI.create("https://api.anthropic.com");

    public ProxyConfig {
        if (!bindAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException("The proxy binds to loopback only; " + bindAddress.getHostAddress()
                    + " is not a loopback address.");
        }
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || upstream.getHost() == null) {
            throw new IllegalArgumentException("The upstream must be an http:// or https:// URL with a host: "
                    + upstream);
        }
        if (upstream.getRawPath() != null && !upstream.getRawPath().isEmpty() && !upstream.getRawPath().equals("/")) {
            throw new IllegalArgumentException("The upstream must be a bare origin without a path: " + upstream);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The port must be between 0 and 65535: " + port);
        }
    }

    public static ProxyConfig defaults(Path journal) {
        return new ProxyConfig(InetAddress.getLoopbackAddress(), DEFAULT_PORT, DEFAULT_UPSTREAM, journal,
                32L * 1024 * 1024, 64 * 1024, Duration.ofSeconds(120), Duration.ofSeconds(10),
                Duration.ofMinutes(10), 256, 10_000);
    }

    public ProxyConfig withPort(int p) {
        return new ProxyConfig(bindAddress, p, upstream, journal, maxRequestBody, maxHeaderBytes, idleTimeout,
                connectTimeout, readTimeout, maxConnections, queueCapacity);
    }

    public ProxyConfig withUpstream(URI u) {
        return new ProxyConfig(bindAddress, port, u, journal, maxRequestBody, maxHeaderBytes, idleTimeout,
                connectTimeout, readTimeout, maxConnections, queueCapacity);
    }

    public ProxyConfig withLimits(long body, int header, Duration idle) {
        return new ProxyConfig(bindAddress, port, upstream, journal, body, header, idle, connectTimeout,
                readTimeout, maxConnections, queueCapacity);
    }

    public ProxyConfig withTimeouts(Duration connect, Duration read) {
        return new ProxyConfig(bindAddress, port, upstream, journal, maxRequestBody, maxHeaderBytes, idleTimeout,
                connect, read, maxConnections, queueCapacity);
    }

    public ProxyConfig withQueueCapacity(int capacity) {
        return new ProxyConfig(bindAddress, port, upstream, journal, maxRequestBody, maxHeaderBytes, idleTimeout,
                connectTimeout, readTimeout, maxConnections, capacity);
    }

    boolean tls() {
        return upstream.getScheme().equalsIgnoreCase("https");
    }

    int upstreamPort() {
        return upstream.getPort() > 0 ? upstream.getPort() : tls() ? 443 : 80;
    }

    /** The Host header value for upstream requests. */
    String upstreamAuthority() {
        int p = upstream.getPort();
        return p > 0 && p != (tls() ? 443 : 80) ? upstream.getHost() + ":" + p : upstream.getHost();
    }
}
