package io.qdranthybrid.harness.controlplane;


import io.qdranthybrid.platform.bootstrap.BootstrapCommandGenerator;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.bootstrap.BootstrapSettings;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.AgentPresence;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentHealth;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.platform.environment.EnvironmentStatusRollup;
import io.qdranthybrid.platform.environment.NamespaceLockedException;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hybrid cloud environments: register, rename, move (before bootstrap), delete, bootstrap commands and access keys,
 * and their status as the agent reports it.
 */
public final class Environments {

    /** Where the simulated install says its chart and image come from; nothing is pulled in a simulation. */
    private static final String CHART_REPOSITORY = "oci://ghcr.io/qdrant-hybrid/charts";
    private static final String CHART_NAME = "qdrant-hybrid-agent";
    private static final String CHART_VERSION = "0.1.0";
    private static final String IMAGE_REGISTRY = "ghcr.io/qdrant-hybrid";
    private static final String IMAGE_NAME = "hybrid-agent";

    private final ControlPlaneContext context;
    private final Supplier<URI> agentUrl;
    private final EnvironmentStatusRollup rollup;
    private final List<Consumer<BootstrapCommands>> bootstrapListeners = new CopyOnWriteArrayList<>();
    private final Releases releases;

    private final Offboarding offboarding;

    Environments(ControlPlaneContext context, Supplier<URI> agentUrl, Releases releases, Offboarding offboarding) {
        this.context = context;
        this.agentUrl = agentUrl;
        this.releases = releases;
        this.offboarding = offboarding;
        this.rollup = new EnvironmentStatusRollup(context.clock(), context.settings().silenceWindow());
    }

    public EnvironmentView create(String name, String namespace) {
        return create(name, namespace, EnvironmentConfiguration.defaults());
    }

    /** @throws InvalidRequestException when the name or namespace is not valid */
    public EnvironmentView create(String name, String namespace, EnvironmentConfiguration configuration) {
        Environment created;
        try {
            created = context.registry().create(name, namespace,
                    configuration == null ? EnvironmentConfiguration.defaults() : configuration);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        context.events().publish(ControlPlaneEvent.Type.ENVIRONMENT_CREATED, created.id(), "",
                created.name() + " in namespace " + created.namespace());
        return view(created);
    }

    public List<EnvironmentView> list() {
        context.registry().list().forEach(e -> offboarding.finishIfDone(e.id()));
        return context.registry().list().stream().map(this::view).toList();
    }

    /** @throws NotFoundException for an unknown id */
    public EnvironmentView get(String environmentId) {
        offboarding.finishIfDone(environmentId);
        return view(context.requireEnvironment(environmentId));
    }

    /**
     * Renames and/or moves an environment; null keeps a value. The namespace can change only before bootstrap and
     * while no clusters are desired, since the agent and the clusters live there.
     */
    public EnvironmentView update(String environmentId, String name, String namespace) {
        Environment current = context.requireEnvironment(environmentId);
        boolean moves = namespace != null && !namespace.equals(current.namespace());
        if (moves) {
            Optional<DesiredStateStore> store = context.stores().existing(environmentId);
            if (store.isPresent() && !store.get().keys().isEmpty()) {
                throw new ConflictException("environment " + environmentId + " has " + store.get().keys().size()
                        + " desired resources in namespace " + current.namespace() + "; delete them before moving it");
            }
        }
        Environment updated;
        try {
            updated = context.registry().update(environmentId, e -> {
                Environment changed = name == null ? e : e.withName(name, context.clock().instant());
                return namespace == null ? changed : changed.withNamespace(namespace, context.clock().instant());
            });
        } catch (NamespaceLockedException e) {
            throw new ConflictException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        if (moves) {
            // An empty store was made for the old namespace; the next use makes one for the new.
            context.stores().remove(environmentId);
        }
        context.events().publish(ControlPlaneEvent.Type.ENVIRONMENT_UPDATED, environmentId, "",
                updated.name() + " in namespace " + updated.namespace());
        return view(updated);
    }

    /**
     * Deletes an environment: it reads {@link EnvironmentPhase#DELETING} while its agent removes what it manages, then
     * the record goes, its agent is told and disconnected, its keys revoked (see {@link Offboarding}).
     *
     * @throws ConflictException while clusters exist, or when its agent is gone (only a forced delete can remove it)
     */
    public void delete(String environmentId) {
        delete(environmentId, false);
    }

    /**
     * Deletes an environment; with {@code force}, only while its agent is stale, the record goes at once and nothing
     * in its namespace is touched.
     *
     * @return what a forced delete left behind; empty for a plain delete
     */
    public Optional<ForcedDeletion> delete(String environmentId, boolean force) {
        return offboarding.delete(environmentId, force);
    }

    /**
     * The install commands, with a freshly minted access key: this rotates the previous key and disconnects the
     * agent that used it, as in the hosted product.
     */
    public BootstrapCommands bootstrap(String environmentId) {
        context.requireEnvironment(environmentId);
        BootstrapSettings settings = new BootstrapSettings(agentUrl.get(), CHART_REPOSITORY, CHART_NAME, CHART_VERSION,
                IMAGE_REGISTRY, IMAGE_NAME, null);
        BootstrapCommands commands = new BootstrapCommandGenerator(context.registry(), context.accessKeys(), settings,
                context.clock()).generate(environmentId);
        // Bootstrapped: the namespace is fixed now, so the catalogue can go there for the agent to apply.
        releases.publishTo(environmentId);
        context.events().publish(ControlPlaneEvent.Type.ENVIRONMENT_BOOTSTRAPPED, environmentId, "",
                commands.commands().size() + " commands, access key " + commands.accessKey().keyId());
        bootstrapListeners.forEach(listener -> listener.accept(commands));
        return commands;
    }

    /**
     * Calls {@code listener} with every set of bootstrap commands generated from now on (console, REST or Java), on
     * the thread that asked for them, after the previous key was revoked: what a harness needs to play "the user ran
     * them" for an agent it runs itself. Closing the returned handle stops the calls.
     */
    public AutoCloseable onBootstrap(Consumer<BootstrapCommands> listener) {
        bootstrapListeners.add(listener);
        return () -> bootstrapListeners.remove(listener);
    }

    /**
     * Issues a new access key for an in-process agent, rotating (and disconnecting) the previous one. Marks the
     * environment bootstrapped, as running its install would.
     */
    public AgentCredentials issueAccessKey(String environmentId) {
        Environment environment = context.requireEnvironment(environmentId);
        AccessKey key = context.accessKeys().issue(environmentId);
        context.registry().update(environmentId, e -> e.markBootstrapped(context.clock().instant()));
        releases.publishTo(environmentId);
        context.events().publish(ControlPlaneEvent.Type.ACCESS_KEY_ISSUED, environmentId, "",
                "access key " + key.keyId());
        return new AgentCredentials(environmentId, environment.namespace(), key, agentUrl.get());
    }

    /** Whether the environment's agent has a live session now. */
    public boolean isConnected(String environmentId) {
        context.requireEnvironment(environmentId);
        return context.gateway().sessionOf(environmentId).isPresent();
    }

    EnvironmentView view(Environment environment) {
        AgentPresence presence = context.gateway().presence(environment.id());
        EnvironmentHealth health = offboarding.why(environment)
                .map(why -> new EnvironmentHealth(EnvironmentPhase.DELETING, why))
                .orElseGet(() -> rollup.rollUp(environment, presence));
        Optional<AgentSession> session = context.gateway().sessionOf(environment.id());
        Optional<EnvironmentStatus> status = environment.lastStatusIfAny();
        long desiredRevision = context.stores().existing(environment.id()).map(DesiredStateStore::revision).orElse(0L);
        return new EnvironmentView(environment.id(), environment.name(), environment.namespace(), health.phase(),
                health.message(), session.isPresent(), environment.bootstrapped(), environment.createdAt(),
                environment.lastContactAt(),
                status.map(EnvironmentStatus::kubernetesVersion).orElse(""),
                status.map(EnvironmentStatus::kubernetesDistribution).orElse(""),
                status.flatMap(EnvironmentStatus::nodeCountIfKnown).orElse(null),
                rollup.components(environment, presence),
                status.map(EnvironmentStatus::storageClasses).orElse(List.of()),
                status.map(EnvironmentStatus::volumeSnapshotClasses).orElse(List.of()),
                desiredRevision, session.map(AgentSession::acknowledgedRevision).orElse(0L), presence.state().name(),
                presence.since(), presence.detail(),
                status.map(EnvironmentStatus::prerequisites).orElse(List.of()));
    }
}
