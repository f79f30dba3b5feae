package io.qdranthybrid.agent.doctor;

/**
 * How far a probe of the control plane got, step by step as the agent's connection goes: TCP (to the proxy or the
 * host), the proxy's CONNECT tunnel, the TLS handshake with the configured CA, the WebSocket upgrade on the agent's
 * path.
 */
public sealed interface ReachabilityResult {

    /** @param target {@code host:port}; @param viaProxy whether it was the proxy that could not be reached */
    record TcpFailed(String target, boolean viaProxy, String reason) implements ReachabilityResult {
    }

    /** The proxy answered CONNECT with something else than 2xx, e.g. {@code 407 Proxy Authentication Required}. */
    record ProxyRefused(int status, String statusLine) implements ReachabilityResult {
    }

    /** The server's certificate chain is not trusted by the system store plus the configured CA bundle. */
    record CertificateNotTrusted(String reason) implements ReachabilityResult {
    }

    /** The certificate is trusted but does not name the host. */
    record CertificateMismatch(String reason) implements ReachabilityResult {
    }

    record TlsFailed(String reason) implements ReachabilityResult {
    }

    /** The HTTP exchange failed after the connection was up (closed, timed out, not HTTP). */
    record HttpFailed(String reason) implements ReachabilityResult {
    }

    /** TCP, the proxy's tunnel and (when {@code tls}) the TLS handshake succeeded; the upgrade was not asked. */
    record TransportUp(boolean tls) implements ReachabilityResult {
    }

    /** An HTTP answer to the upgrade request: 101 is the control plane accepting a WebSocket. */
    record Answered(int status, String statusLine) implements ReachabilityResult {
    }
}
