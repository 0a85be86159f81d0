package io.headroom.sources;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where a network source asks: its default address, or the one an environment variable sets for
 * tests and corporate gateways. A malformed override is refused with a message, never silently
 * replaced by the default (that would send the user's login somewhere they did not choose).
 */
public final class BaseUrl {

    private BaseUrl() {
    }

    public static URI from(Map<String, String> env, String variable, String defaultUrl) {
        String configured = env.get(variable);
        if (configured == null || configured.isBlank()) {
            return URI.create(defaultUrl);
        }
        try {
            URI u = new URI(configured.strip());
            if (u.getScheme() == null || u.getHost() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException(variable + " must be an http(s) URL, not " + configured);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " must be an http(s) URL, not " + configured, e);
        }
    }

    /** The address without a trailing slash, ready for a path to be appended. */
    public static String withoutTrailingSlash(URI base) {
        String b = base.toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
