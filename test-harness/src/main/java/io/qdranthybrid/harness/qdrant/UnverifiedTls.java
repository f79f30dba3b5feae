package io.qdranthybrid.harness.qdrant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** TLS without certificate verification, for what the kubelet's HTTPS probes do and nothing else. */
final class UnverifiedTls {

    private static final SSLContext CONTEXT = context();

    private UnverifiedTls() {
    }

    static Socket wrap(Socket connected, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) CONTEXT.getSocketFactory().createSocket(connected, host, port, true);
        tls.startHandshake();
        return tls;
    }

    private static SSLContext context() {
        TrustManager acceptAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }
}
