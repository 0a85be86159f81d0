package io.headroom.proxy;

import java.util.Locale;

/**
 * Which Host header values the proxy (and the telemetry receiver) answers. A web page can make the user's browser send
 * requests to 127.0.0.1 under a name of its own (DNS rebinding: {@code 127.0.0.1.nip.io},
 * {@code evil.example} resolved to loopback), so a name is accepted only when no DNS answer can be
 * behind it: {@code localhost}, a literal IPv4 loopback address (127.0.0.0/8), {@code [::1]}, each
 * bare or with the listener's own port; and the upstream's own name, which a client using the
 * proxy as a forward proxy sends and which an attacker cannot rebind.
 */
public final class HostCheck {

    private final int listenerPort;
    private final String upstreamHost;
    private final int upstreamPort;

    public HostCheck(int listenerPort, String upstreamHost, int upstreamPort) {
        this.listenerPort = listenerPort;
        this.upstreamHost = upstreamHost.toLowerCase(Locale.ROOT);
        this.upstreamPort = upstreamPort;
    }

    public boolean accepts(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name;
        String port;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return false;
            }
            name = h.substring(0, close + 1);
            String rest = h.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return false;
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = h.indexOf(':');
            if (colon != h.lastIndexOf(':')) {
                return false; // an unbracketed IPv6 literal is not a valid Host
            }
            name = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? null : h.substring(colon + 1);
        }
        boolean upstream = name.equals(upstreamHost) && (port == null || portIs(port, upstreamPort));
        boolean loopback = name.equals("localhost") || name.equals("[::1]") || ipv4Loopback(name);
        return upstream || loopback && (port == null || portIs(port, listenerPort));
    }

    private static boolean portIs(String port, int expected) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(port) == expected;
    }

    /** A dotted-quad literal in 127.0.0.0/8; names that merely start with "127." are not addresses. */
    static boolean ipv4Loopback(String name) {
        String[] octets = name.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return octets[0].equals("127");
    }
}
