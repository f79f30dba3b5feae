package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.environment.EnvironmentStatusRollup;
import io.qdranthybrid.platform.session.SessionSettings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link SimulatedControlPlane} runs.
 *
 * @param port          the loopback port to listen on; 0 picks a free one (kept across {@link SimulatedControlPlane#recover()})
 * @param sessions      heartbeat, timeout and redelivery terms offered to agents
 * @param silenceWindow how long an agent may be silent before its environment's phase becomes UNKNOWN
 * @param customerId    the {@code customer-id} label put on every resource, as the hosted product does
 * @param clock         time for sessions, statuses, restarts and backups
 * @param advertiseHost a host name (besides localhost, 127.0.0.1 and [::1]) that browsers and clients may use to reach
 *                      the console and REST API; empty for loopback names only. Any other {@code Host} is refused,
 *                      which is what stops DNS-rebinding pages.
 * @param advertisedAgentUrl the agent URL put into bootstrap commands, for an agent on another machine
 *                      ({@code ws://my-laptop.example:8080/agent}); null for the loopback URL. When set, the server
 *                      listens on every interface, since that agent cannot reach 127.0.0.1.
 */
public record ControlPlaneSettings(int port, SessionSettings sessions, Duration silenceWindow, String customerId,
                                   Clock clock, String advertiseHost, URI advertisedAgentUrl) {

    public ControlPlaneSettings {
        if (advertisedAgentUrl != null && (advertisedAgentUrl.getHost() == null
                || !("ws".equals(advertisedAgentUrl.getScheme()) || "wss".equals(advertisedAgentUrl.getScheme())))) {
            throw new IllegalArgumentException("advertisedAgentUrl '" + advertisedAgentUrl + "' must be a ws:// or"
                    + " wss:// URL with a host, e.g. ws://my-laptop.example:8080" + ControlPlaneServer.AGENT_PATH);
        }
        advertiseHost = advertiseHost == null ? "" : advertiseHost.trim();
        if (!advertiseHost.isEmpty() && !advertiseHost.matches("[A-Za-z0-9]([-A-Za-z0-9.]{0,252})")) {
            throw new IllegalArgumentException("advertiseHost '" + advertiseHost + "' must be a DNS name or an IPv4 address");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535 but was " + port);
        }
        if (sessions == null || silenceWindow == null || clock == null) {
            throw new IllegalArgumentException("sessions, silenceWindow and clock are required");
        }
        if (customerId == null || !customerId.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("customerId '" + customerId + "' must be a valid label value: lower-case"
                    + " letters, digits and '-', at most 63 characters");
        }
    }

    /** An ephemeral port and the SDK's production session terms (15 s heartbeats, 30 s redelivery). */
    public static ControlPlaneSettings defaults() {
        return new ControlPlaneSettings(0, SessionSettings.DEFAULT, EnvironmentStatusRollup.DEFAULT_SILENCE_WINDOW,
                "simulated-customer", Clock.systemUTC(), "", null);
    }

    /**
     * Terms for tests: heartbeats every 500 ms, a dead agent noticed after 2 s, unanswered desired state resent
     * after 1 s, so outages and reconnects play out in seconds.
     */
    public static ControlPlaneSettings fast() {
        return defaults().withSessions(SessionSettings.DEFAULT
                .withHeartbeat(Duration.ofMillis(500), Duration.ofSeconds(2))
                .withRedeliveryInterval(Duration.ofSeconds(1)));
    }

    public ControlPlaneSettings withPort(int newPort) {
        return new ControlPlaneSettings(newPort, sessions, silenceWindow, customerId, clock,
                advertiseHost, advertisedAgentUrl);
    }

    public ControlPlaneSettings withSessions(SessionSettings newSessions) {
        return new ControlPlaneSettings(port, newSessions, silenceWindow, customerId, clock,
                advertiseHost, advertisedAgentUrl);
    }

    public ControlPlaneSettings withSilenceWindow(Duration window) {
        return new ControlPlaneSettings(port, sessions, window, customerId, clock,
                advertiseHost, advertisedAgentUrl);
    }

    public ControlPlaneSettings withCustomerId(String id) {
        return new ControlPlaneSettings(port, sessions, silenceWindow, id, clock,
                advertiseHost, advertisedAgentUrl);
    }

    public ControlPlaneSettings withClock(Clock newClock) {
        return new ControlPlaneSettings(port, sessions, silenceWindow, customerId, newClock, advertiseHost, advertisedAgentUrl);
    }

    public ControlPlaneSettings withAdvertiseHost(String host) {
        return new ControlPlaneSettings(port, sessions, silenceWindow, customerId, clock,
                host, advertisedAgentUrl);
    }

    /**
     * Bootstrap commands name {@code url} (its path defaults to the agent endpoint), the console and REST API also
     * answer to its host, and the server listens on every interface so that an agent elsewhere can dial in.
     */
    public ControlPlaneSettings withAdvertisedAgentUrl(URI url) {
        URI agentUrl = url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")
                ? url.resolve(ControlPlaneServer.AGENT_PATH) : url;
        String host = url.getHost() == null ? advertiseHost : url.getHost();
        return new ControlPlaneSettings(port, sessions, silenceWindow, customerId, clock, host, agentUrl);
    }
}
