package io.qdranthybrid.protocol.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP proxy for the control-plane connection. TLS connections tunnel through it with CONNECT, so the agent's
 * traffic stays end-to-end encrypted. A proxy reached over TLS itself ({@code https://proxy}) is deliberately not
 * supported and refused: only the CONNECT request (and the proxy's Basic credentials) would gain from it.
 *
 * @param proxyUrl {@code http://host:port}
 * @param username Basic credentials, or null when the proxy needs none
 * @param password never shown by {@link #toString()}
 * @param noProxy  hosts reached directly, see {@link NoProxyRules}
 */
public record ProxySettings(URI proxyUrl, String username, String password, NoProxyRules noProxy) {

    public ProxySettings {
        if (proxyUrl == null || proxyUrl.getHost() == null || proxyUrl.getPort() <= 0) {
            throw new IllegalArgumentException("proxyUrl must look like http://host:port but was " + proxyUrl);
        }
        if (!"http".equalsIgnoreCase(proxyUrl.getScheme())) {
            throw new IllegalArgumentException("only http:// proxies are supported (they tunnel TLS with CONNECT) but got "
                    + proxyUrl.getScheme() + "://");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("proxy username and password must be given together");
        }
        noProxy = noProxy == null ? NoProxyRules.none() : noProxy;
    }

    public static ProxySettings of(String proxyUrl, String noProxy) {
        return new ProxySettings(URI.create(proxyUrl), null, null, NoProxyRules.parse(noProxy));
    }

    /**
     * Parses the usual {@code http://user:password@host:port} form (user and password percent-encoded), as found in
     * {@code HTTPS_PROXY}; the credentials are taken out of the URL so it can be logged.
     */
    public static ProxySettings parse(String proxyUrl, String noProxy) {
        URI uri;
        try {
            uri = new URI(proxyUrl == null ? "" : proxyUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("proxy URL is not a valid URL like http://host:3128 (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("proxy URL must look like http://host:port, with the port");
        }
        String userInfo = uri.getRawUserInfo();
        URI withoutCredentials = URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
        if (userInfo == null) {
            return new ProxySettings(withoutCredentials, null, null, NoProxyRules.parse(noProxy));
        }
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("proxy URL has a user but no password; use http://user:password@host:port");
        }
        return new ProxySettings(withoutCredentials, decode(userInfo.substring(0, colon)),
                decode(userInfo.substring(colon + 1)), NoProxyRules.parse(noProxy));
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public ProxySettings withCredentials(String username, String password) {
        return new ProxySettings(proxyUrl, username, password, noProxy);
    }

    public boolean hasCredentials() {
        return username != null;
    }

    @Override
    public String toString() {
        return "ProxySettings[proxyUrl=" + proxyUrl + ", username=" + username
                + ", password=" + (password == null ? "none" : "<redacted>") + ", noProxy=" + noProxy + "]";
    }
}
