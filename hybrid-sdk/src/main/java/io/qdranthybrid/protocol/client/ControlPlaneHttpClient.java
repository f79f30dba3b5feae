package io.qdranthybrid.protocol.client;

import okhttp3.OkHttpClient;

import java.net.Proxy;
import java.time.Duration;

/** Builds the OkHttp client for the control-plane WebSocket from the settings: timeouts, trust, proxy. */
final class ControlPlaneHttpClient {

    private ControlPlaneHttpClient() {
    }

    static OkHttpClient create(AgentConnectionSettings settings) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                // The protocol's own heartbeats detect dead sessions; a read timeout would kill quiet but healthy ones.
                .readTimeout(Duration.ZERO)
                .pingInterval(Duration.ZERO)
                .retryOnConnectionFailure(false);
        settings.caBundleIfAny().ifPresent(pem -> {
            CustomCaTrust trust = CustomCaTrust.systemPlus(pem);
            builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
        });
        settings.proxyIfAny().ifPresentOrElse(proxy -> {
            builder.proxySelector(new NoProxyAwareProxySelector(proxy));
            if (proxy.hasCredentials()) {
                builder.proxyAuthenticator(new BasicProxyAuthenticator(proxy.username(), proxy.password()));
            }
        }, () -> builder.proxy(Proxy.NO_PROXY));
        return builder.build();
    }
}
