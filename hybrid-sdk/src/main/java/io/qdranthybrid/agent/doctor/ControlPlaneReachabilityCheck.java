package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;

/**
 * Turns a probe of the control plane into a verdict with precise advice. A blocked egress is the usual cause of an
 * agent "stuck installing" (Qdrant Hybrid Cloud support: firewalls and egress proxies block it silently).
 */
public final class ControlPlaneReachabilityCheck {

    public static final String NAME = "Control plane reachable";
    private static final int SWITCHING_PROTOCOLS = 101;
    private static final int NOT_FOUND = 404;
    private static final int PROXY_AUTHENTICATION_REQUIRED = 407;

    private ControlPlaneReachabilityCheck() {
    }

    /** @param url the control-plane URL as configured; @param route e.g. "directly" or "through proxy http://p:3128" */
    public static PrerequisiteCheck check(ReachabilityResult result, String url, String route) {
        String where = url + " (" + route + ")";
        if (result instanceof ReachabilityResult.TcpFailed tcp) {
            return tcp.viaProxy()
                    ? PrerequisiteCheck.fail(NAME, "cannot connect to the proxy " + tcp.target() + ": " + tcp.reason(),
                    "check qdrant.agent.proxy-url (QDRANT_AGENT_PROXY_URL) and that the proxy accepts connections "
                            + "from the agent's pod")
                    : PrerequisiteCheck.fail(NAME, "cannot connect to " + tcp.target() + ": " + tcp.reason(),
                    "allow outbound TCP to " + tcp.target() + " in the firewall or egress NetworkPolicy, or configure "
                            + "the egress proxy (qdrant.agent.proxy-url)");
        }
        if (result instanceof ReachabilityResult.ProxyRefused refused) {
            return refused.status() == PROXY_AUTHENTICATION_REQUIRED
                    ? PrerequisiteCheck.fail(NAME, "proxy refused CONNECT: " + refused.statusLine(),
                    "give the proxy's credentials in qdrant.agent.proxy-url as http://user:password@host:port")
                    : PrerequisiteCheck.fail(NAME, "proxy refused CONNECT to " + where + ": " + refused.statusLine(),
                    "allow CONNECT to the control plane's host and port in the proxy's rules, or list the host in "
                            + "qdrant.agent.no-proxy if it is reached directly");
        }
        if (result instanceof ReachabilityResult.CertificateNotTrusted untrusted) {
            return PrerequisiteCheck.fail(NAME, "certificate not trusted at " + where + ": " + untrusted.reason(),
                    "configure the CA bundle: qdrant.agent.ca-bundle-file (QDRANT_AGENT_CA_BUNDLE_FILE) naming a PEM "
                            + "file with the CA that signs it (a TLS-inspecting proxy's CA, say)");
        }
        if (result instanceof ReachabilityResult.CertificateMismatch mismatch) {
            return PrerequisiteCheck.fail(NAME, "certificate does not match the host of " + where + ": "
                            + mismatch.reason(), "check qdrant.agent.control-plane-url; a TLS-inspecting proxy must "
                            + "issue certificates for the control plane's host name");
        }
        if (result instanceof ReachabilityResult.TlsFailed tls) {
            return PrerequisiteCheck.fail(NAME, "TLS handshake failed with " + where + ": " + tls.reason(),
                    "check that the URL's port speaks TLS (wss://) and that a proxy does not alter the connection");
        }
        if (result instanceof ReachabilityResult.HttpFailed http) {
            return PrerequisiteCheck.fail(NAME, "no HTTP answer from " + where + ": " + http.reason(),
                    "check qdrant.agent.control-plane-url and that nothing between the agent and the control plane "
                            + "drops the connection");
        }
        if (result instanceof ReachabilityResult.TransportUp up) {
            return PrerequisiteCheck.pass(NAME, where + (up.tls() ? " completes a TLS handshake with a trusted "
                    + "certificate" : " accepts TCP connections") + "; the agent's own connection does the upgrade");
        }
        ReachabilityResult.Answered answered = (ReachabilityResult.Answered) result;
        if (answered.status() == SWITCHING_PROTOCOLS) {
            return PrerequisiteCheck.pass(NAME, where + " accepts the agent's WebSocket");
        }
        if (answered.status() == NOT_FOUND) {
            return PrerequisiteCheck.fail(NAME, where + " answered " + answered.statusLine() + " on the agent's path",
                    "check the path of qdrant.agent.control-plane-url: wss://<control plane>/agent/v1");
        }
        return PrerequisiteCheck.fail(NAME, where + " answered " + answered.statusLine()
                        + " instead of accepting a WebSocket", "check qdrant.agent.control-plane-url; a proxy or load "
                        + "balancer in between must pass WebSocket upgrades through");
    }
}
