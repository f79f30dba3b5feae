package io.qdranthybrid.protocol.client;

import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a proxy's 407 (and OkHttp's preemptive challenge for CONNECT) with Basic credentials, once: if the proxy
 * rejects them we give up instead of looping.
 */
final class BasicProxyAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(BasicProxyAuthenticator.class);

    private final String credential;

    BasicProxyAuthenticator(String username, String password) {
        this.credential = Credentials.basic(username, password);
    }

    @Override
    public Request authenticate(Route route, Response response) {
        if (response.request().header("Proxy-Authorization") != null) {
            LOG.warn("Proxy {} rejected our credentials (HTTP {}); check the proxy username and password",
                    route == null ? "?" : route.proxy().address(), response.code());
            return null;
        }
        return response.request().newBuilder().header("Proxy-Authorization", credential).build();
    }
}
