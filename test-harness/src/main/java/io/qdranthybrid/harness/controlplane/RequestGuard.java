package io.qdranthybrid.harness.controlplane;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a web page in the developer's browser from driving the control plane. DNS rebinding (evil.example resolving to
 * 127.0.0.1) makes the browser send {@code Host: evil.example}, so only loopback names and the advertised host are
 * served; a cross-site write carries a foreign {@code Origin}, so writes must come from this origin or from a
 * non-browser client (no Origin); and a write must be {@code application/json}, a type no HTML form can send and no
 * cross-origin script can send without a CORS preflight, which this server never grants. A pure function of the headers.
 *
 * <p>Rules after the Fetch standard's CORS-safelisted request headers (fetch.spec.whatwg.org, "CORS-safelisted
 * request-header": only form and text/plain types avoid a preflight) and RFC 9110 section 15.5.16 (415).
 */
final class RequestGuard {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Set<String> allowedHosts;

    /** @param advertiseHost a further host name clients use to reach this server, or empty for loopback only */
    RequestGuard(String advertiseHost) {
        this.allowedHosts = advertiseHost == null || advertiseHost.isBlank() ? LOOPBACK_NAMES
                : union(LOOPBACK_NAMES, advertiseHost.toLowerCase(Locale.ROOT));
    }

    /** The refusal for a request, or empty to serve it. */
    Optional<RestResponse> check(String method, String host, String origin, String contentType) {
        String hostName = hostName(host);
        if (hostName == null || !allowedHosts.contains(hostName)) {
            return Optional.of(RestResponse.error(421, "host '" + shorten(host) + "' is not served here; use "
                    + String.join(", ", allowedHosts.stream().sorted().toList())));
        }
        if (!WRITES.contains(method)) {
            return Optional.empty();
        }
        if (origin != null && !sameOrigin(origin)) {
            return Optional.of(RestResponse.error(403, "writes from origin '" + shorten(origin)
                    + "' are refused; use the console served by this control plane"));
        }
        if (contentType == null || !mediaType(contentType).equals("application/json")) {
            return Optional.of(RestResponse.error(415, "a " + method + " must have Content-Type application/json"
                    + (contentType == null ? "" : ", not '" + shorten(contentType) + "'")));
        }
        return Optional.empty();
    }

    /** The lower-cased name of a Host header value ({@code name[:port]}, IPv6 in brackets), null if unreadable. */
    static String hostName(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private boolean sameOrigin(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String name = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            return "http".equals(uri.getScheme()) && name != null && allowedHosts.contains(name);
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page or a file://) and garbage alike
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 100) + "...";
    }

    private static Set<String> union(Set<String> names, String extra) {
        java.util.Set<String> all = new java.util.HashSet<>(names);
        all.add(extra);
        return Set.copyOf(all);
    }
}
