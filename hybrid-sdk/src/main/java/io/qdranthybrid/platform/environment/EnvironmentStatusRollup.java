package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.EnvironmentStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rolls an environment up into one phase. With the agent's {@link AgentPresence} (what a control plane with a gateway
 * knows), two rules come first: an agent whose Hellos are refused makes the environment NOT_READY, and one that is
 * disconnected makes it UNKNOWN, whatever its last report said. Then, first match wins:
 * <ol>
 *   <li>UNKNOWN when the agent was never heard from, or not for longer than the silence window (default 5 min):
 *       its last report may be arbitrarily stale, so we do not claim anything.</li>
 *   <li>FAILED_TO_SYNC while the agent rejects desired state (an open {@link SyncFailure}): clusters will not
 *       follow what the user asked for, whatever the components say.</li>
 *   <li>NOT_READY while no environment status arrived yet, no component was reported, or any component is
 *       NOT_READY or NOT_FOUND (a missing operator is as bad as a crashing one).</li>
 *   <li>READY otherwise.</li>
 * </ol>
 */
public final class EnvironmentStatusRollup {

    public static final Duration DEFAULT_SILENCE_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration silenceWindow;

    public EnvironmentStatusRollup(Clock clock, Duration silenceWindow) {
        if (silenceWindow == null || silenceWindow.isNegative() || silenceWindow.isZero()) {
            throw new IllegalArgumentException("silenceWindow must be positive but was " + silenceWindow);
        }
        this.clock = clock;
        this.silenceWindow = silenceWindow;
    }

    public EnvironmentStatusRollup(Clock clock) {
        this(clock, DEFAULT_SILENCE_WINDOW);
    }

    /** The phase knowing whether the agent is connected now: see the class comment. */
    public EnvironmentHealth rollUp(Environment environment, AgentPresence presence) {
        switch (presence.state()) {
            case REFUSED:
                return new EnvironmentHealth(EnvironmentPhase.NOT_READY, "the agent is refused since " + presence.since()
                        + ": " + presence.detail());
            case DISCONNECTED:
                return new EnvironmentHealth(EnvironmentPhase.UNKNOWN, "the agent disconnected at " + presence.since()
                        + (presence.detail().isEmpty() ? "" : " (" + presence.detail() + ")")
                        + "; what it reported before may be stale. It reconnects by itself; if it stays away, "
                        + checkTheAgent(environment));
            default:
                return rollUp(environment);
        }
    }

    /**
     * The components as the user should see them: the agent's own entry (it reports itself READY) says it is
     * disconnected or refused when it is; the others are as last reported.
     */
    public List<ComponentStatus> components(Environment environment, AgentPresence presence) {
        List<ComponentStatus> reported = environment.lastStatusIfAny().map(EnvironmentStatus::components)
                .orElse(List.of());
        if (presence.state() != AgentPresence.State.REFUSED && presence.state() != AgentPresence.State.DISCONNECTED) {
            return reported;
        }
        String why = (presence.state() == AgentPresence.State.REFUSED ? "refused since " : "disconnected since ")
                + presence.since() + (presence.detail().isEmpty() ? "" : ": " + presence.detail());
        return reported.stream().map(c -> ComponentStatus.AGENT.equals(c.name())
                ? new ComponentStatus(c.name(), c.namespace(), c.version(), ComponentPhase.NOT_READY, why) : c).toList();
    }

    /** What to do when the agent is away: the Deployment name is the one deploy/ installs. */
    private static String checkTheAgent(Environment environment) {
        return "check that its pod runs and reaches the control plane: kubectl -n " + environment.namespace()
                + " logs deploy/" + ComponentStatus.AGENT;
    }

    /** The phase from what is stored alone (the agent's reports, its last contact and sync failures). */
    public EnvironmentHealth rollUp(Environment environment) {
        Instant now = clock.instant();
        if (environment.lastContactAt() == null) {
            return new EnvironmentHealth(EnvironmentPhase.UNKNOWN, environment.bootstrapped()
                    ? "the agent has not connected yet; run the bootstrap commands in namespace " + environment.namespace()
                    : "no bootstrap commands were generated yet");
        }
        Duration silence = Duration.between(environment.lastContactAt(), now);
        if (silence.compareTo(silenceWindow) > 0) {
            return new EnvironmentHealth(EnvironmentPhase.UNKNOWN, "no word from the agent for "
                    + silence.toSeconds() + " s (last at " + environment.lastContactAt() + "), longer than the "
                    + silenceWindow.toSeconds() + " s after which its reports count as stale; "
                    + checkTheAgent(environment));
        }
        if (environment.syncFailure() != null) {
            SyncFailure failure = environment.syncFailure();
            return new EnvironmentHealth(EnvironmentPhase.FAILED_TO_SYNC, "the agent rejects desired state revision "
                    + failure.revision() + " since " + failure.since() + ": " + failure.reason() + " " + failure.message());
        }
        EnvironmentStatus status = environment.lastStatus();
        if (status == null) {
            return new EnvironmentHealth(EnvironmentPhase.NOT_READY, "the agent has not reported the environment status yet");
        }
        if (status.components().isEmpty()) {
            return new EnvironmentHealth(EnvironmentPhase.NOT_READY, "the agent reports no components installed yet");
        }
        List<ComponentStatus> notReady = status.components().stream()
                .filter(c -> c.phase() != ComponentPhase.READY).toList();
        if (!notReady.isEmpty()) {
            return new EnvironmentHealth(EnvironmentPhase.NOT_READY, notReady.stream()
                    .map(c -> c.name() + " is " + c.phase() + (c.message().isEmpty() ? "" : " (" + c.message() + ")"))
                    .collect(Collectors.joining("; ")));
        }
        String nodes = status.nodeCountIfKnown().map(count -> count + " nodes")
                .orElse("an unknown number of nodes (the agent may not list them)");
        return new EnvironmentHealth(EnvironmentPhase.READY, status.components().size() + " components ready on "
                + nodes + " (" + status.kubernetesDistribution() + " " + status.kubernetesVersion() + ")");
    }
}
