package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.message.EnvironmentIds;
import io.qdranthybrid.protocol.message.EnvironmentStatus;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registered hybrid environment: where one agent runs and what it was told. Immutable; the {@code with...} methods
 * return changed copies and enforce the rules (the namespace is locked once bootstrap commands were generated).
 *
 * @param bootstrappedAt when bootstrap commands were first generated, null before
 * @param lastStatus     the latest {@link EnvironmentStatus} the agent reported, null before the first
 * @param lastContactAt  when the agent was last heard from (any message), null if never
 * @param syncFailure    the open rejection of desired state, null while the agent accepts it
 */
public record Environment(String id, String name, String namespace, EnvironmentConfiguration configuration,
                          Instant createdAt, Instant updatedAt, Instant bootstrappedAt,
                          EnvironmentStatus lastStatus, Instant lastStatusAt, Instant lastContactAt,
                          SyncFailure syncFailure) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public Environment {
        // Agents send it in their Hello, which refuses any other shape.
        EnvironmentIds.require(id, "environment id");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("environment name '" + name
                    + "' must be 1-64 characters of letters, digits, '-' and '_'");
        }
        if (namespace == null || !isDnsLabel(namespace)) {
            throw new IllegalArgumentException("namespace '" + namespace
                    + "' must be a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters");
        }
        if (configuration == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("configuration, createdAt and updatedAt are required");
        }
    }

    public static Environment create(String id, String name, String namespace, EnvironmentConfiguration configuration,
                                     Instant now) {
        return new Environment(id, name, namespace, configuration, now, now, null, null, null, null, null);
    }

    public static boolean isDnsLabel(String value) {
        return value != null && DNS_LABEL.matcher(value).matches();
    }

    public boolean bootstrapped() {
        return bootstrappedAt != null;
    }

    public Optional<EnvironmentStatus> lastStatusIfAny() {
        return Optional.ofNullable(lastStatus);
    }

    public Optional<Instant> lastContactIfAny() {
        return Optional.ofNullable(lastContactAt);
    }

    public Optional<SyncFailure> syncFailureIfAny() {
        return Optional.ofNullable(syncFailure);
    }

    public Environment withName(String newName, Instant now) {
        return new Environment(id, newName, namespace, configuration, createdAt, now, bootstrappedAt, lastStatus,
                lastStatusAt, lastContactAt, syncFailure);
    }

    /** @throws NamespaceLockedException once bootstrapped: the agent, its secret and the clusters live there */
    public Environment withNamespace(String newNamespace, Instant now) {
        if (newNamespace.equals(namespace)) {
            return this;
        }
        if (bootstrapped()) {
            throw new NamespaceLockedException(id, namespace, newNamespace);
        }
        return new Environment(id, name, newNamespace, configuration, createdAt, now, bootstrappedAt, lastStatus,
                lastStatusAt, lastContactAt, syncFailure);
    }

    public Environment withConfiguration(EnvironmentConfiguration newConfiguration, Instant now) {
        return new Environment(id, name, namespace, newConfiguration, createdAt, now, bootstrappedAt, lastStatus,
                lastStatusAt, lastContactAt, syncFailure);
    }

    public Environment markBootstrapped(Instant now) {
        return new Environment(id, name, namespace, configuration, createdAt, now,
                bootstrappedAt == null ? now : bootstrappedAt, lastStatus, lastStatusAt, lastContactAt, syncFailure);
    }

    public Environment withObservedStatus(EnvironmentStatus status, Instant receivedAt) {
        return new Environment(id, name, namespace, configuration, createdAt, updatedAt, bootstrappedAt, status,
                receivedAt, latest(lastContactAt, receivedAt), syncFailure);
    }

    public Environment withContact(Instant at) {
        return new Environment(id, name, namespace, configuration, createdAt, updatedAt, bootstrappedAt, lastStatus,
                lastStatusAt, latest(lastContactAt, at), syncFailure);
    }

    /** Records a rejection; an older failure stays (its {@code since} says how long the environment is failing). */
    public Environment withSyncFailure(SyncFailure failure) {
        SyncFailure kept = syncFailure != null && syncFailure.revision() <= failure.revision()
                ? new SyncFailure(failure.revision(), failure.reason(), failure.message(), syncFailure.since())
                : failure;
        return new Environment(id, name, namespace, configuration, createdAt, updatedAt, bootstrappedAt, lastStatus,
                lastStatusAt, lastContactAt, kept);
    }

    /** The agent applied {@code revision}: a failure of that revision or an earlier one is over. */
    public Environment withAcceptedRevision(long revision) {
        if (syncFailure == null || syncFailure.revision() > revision) {
            return this;
        }
        return new Environment(id, name, namespace, configuration, createdAt, updatedAt, bootstrappedAt, lastStatus,
                lastStatusAt, lastContactAt, null);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
