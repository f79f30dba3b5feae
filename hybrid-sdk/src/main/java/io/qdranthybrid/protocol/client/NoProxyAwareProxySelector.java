package io.qdranthybrid.protocol.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Sends every connection through one HTTP proxy except hosts matched by the {@code no_proxy} rules. */
final class NoProxyAwareProxySelector extends ProxySelector {

    private static final Logger LOG = LoggerFactory.getLogger(NoProxyAwareProxySelector.class);

    private final Proxy proxy;
    private final NoProxyRules noProxy;

    NoProxyAwareProxySelector(ProxySettings settings) {
        // Unresolved: the proxy host is resolved when connecting, so a DNS hiccup at start-up is retried later.
        this.proxy = new Proxy(Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved(settings.proxyUrl().getHost(), settings.proxyUrl().getPort()));
        this.noProxy = settings.noProxy();
    }

    @Override
    public List<Proxy> select(URI uri) {
        return noProxy.bypassesProxy(uri.getHost(), portOf(uri)) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
    }

    /** The port dialled: explicit, else the scheme's default (OkHttp asks with http/https URIs). */
    private static int portOf(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("wss")) {
            return 443;
        }
        return scheme.equals("http") || scheme.equals("ws") ? 80 : -1;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        LOG.warn("Connecting to {} through proxy {} failed: {}", uri.getHost(), address, failure.toString());
    }
}
