package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.protocol.client.ControlPlaneHandler;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusedResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.reconcile.ResourceApplier;
import io.qdranthybrid.threads.SdkThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns desired states into objects in the agent's namespace.
 *
 * <p><b>Batch semantics: per resource.</b> Every resource of a desired state is decided on its own (see
 * {@link DesiredResourcePlanner}). Valid ones are applied even when others are refused; refused ones change nothing.
 * The answer is then a Nack whose message lists every refused resource with its reason (the Nack's reason code is the
 * most serious one), and the revision still counts as applied, so the agent moves on and a redelivery is
 * acknowledged instead of applied again: the control plane fixes a refused resource at a later revision. Nothing is
 * half-applied silently. A Kubernetes error that cannot heal (400, 403, 404 of the kind, 422: see {@link ApiFailure})
 * refuses its resource the same way, so one bad manifest never wedges the environment. Only a failure that may heal
 * (API down, timeout, 5xx, 429, conflict) answers {@code APPLY_FAILED} without recording the revision, so the control
 * plane redelivers and the whole revision is applied again, which is harmless because applying writes only what
 * differs. Kinds the cluster does not serve (see {@link ServedKinds}) hold no objects.
 *
 * <p>Objects without the agent's managed-by label were made by someone else: they are never updated or deleted,
 * and a desired resource that names one is refused.
 *
 * <p>The resources of one desired state are applied by {@value #WRITERS} writers at once: they are independent
 * objects, and after a reconnect thousands of them may have changed, where one writer would wait on one round trip
 * at a time. The answer is the same as applying them one by one, in the state's order.
 */
public final class DesiredStateApplier implements ControlPlaneHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredStateApplier.class);
    /** Most serious first: the Nack's code names the worst thing the control plane asked for. */
    private static final List<NackReason> SEVERITY = List.of(NackReason.FORBIDDEN_NAMESPACE, NackReason.FORBIDDEN_KIND,
            NackReason.FORBIDDEN, NackReason.INVALID, NackReason.NOT_FOUND);
    /** Enough writes in flight to hide the round trips, few enough not to crowd the API server's other clients. */
    static final int WRITERS = 4;

    private final String namespace;
    private final DesiredResourcePlanner planner;
    private final ManagedObjects objects;
    private final ServedKinds servedKinds;
    private final ResourceApplier applier;
    private final ApplyLedger ledger;
    private final AgentStateStore stateStore;
    private final ExpectedComponents components;
    private final Runnable resync;
    private final Consumer<Duration> latencyObserver;
    private final boolean allowEmptySnapshot;
    private final Map<String, AgentCommand> commands;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, SdkThreads.pool("qdrant-agent-writer"));

    DesiredStateApplier(KubernetesClient client, String namespace, ManagedObjects objects, ApplyLedger ledger,
                        AgentStateStore stateStore, ExpectedComponents components, ServedKinds servedKinds,
                        ComponentReleasePolicy releasePolicy, Runnable resync, Consumer<Duration> latencyObserver,
                        boolean allowEmptySnapshot, Map<String, AgentCommand> commands) {
        this.namespace = namespace;
        this.servedKinds = servedKinds;
        this.planner = new DesiredResourcePlanner(namespace, releasePolicy);
        this.objects = objects;
        this.applier = new ResourceApplier(client, answer -> objects.wrote(ManagedKind.find(answer.getApiVersion(),
                answer.getKind()).orElseThrow(), answer));
        this.ledger = ledger;
        this.stateStore = stateStore;
        this.components = components;
        this.resync = resync;
        this.latencyObserver = latencyObserver;
        this.allowEmptySnapshot = allowEmptySnapshot;
        this.commands = Map.copyOf(commands);
    }

    private record Refusal(ResourceKey key, NackReason reason, String message) {
    }

    /** What became of one resource: applied (both null), refused for good, or failed in a way a retry may heal. */
    private record Result(Refusal refusal, RefusedResource failure) {
        static final Result APPLIED = new Result(null, null);
    }

    /** The planner's decision; a manifest it cannot even read is that resource's problem alone. */
    private ResourceDecision decide(DesiredResource resource) {
        try {
            return planner.decide(resource);
        } catch (RuntimeException e) {
            LOG.warn("Desired resource {} in {} could not be read", resource.key(), namespace, e);
            return new ResourceDecision.Refuse(resource.key(), NackReason.INVALID, resource.key()
                    + ": the manifest could not be read: " + e.getMessage());
        }
    }

    /**
     * A Kubernetes error on one resource: a final refusal of that resource when a redelivery would meet the same
     * answer, empty when it may heal and the revision is to be retried. A 404 on a write is final only when the kind
     * is gone from discovery (its CRD uninstalled); otherwise the object was deleted under us and a retry heals.
     */
    private Optional<Refusal> refusalOrRetry(ResourceDecision decision, ApiFailure failure) {
        Optional<NackReason> reason = failure.finalReason();
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        if (reason.get() == NackReason.NOT_FOUND) {
            servedKinds.refresh();
            Optional<ManagedKind> unserved = kindsOf(decision).stream().filter(k -> !servedKinds.serves(k)).findFirst();
            return unserved.map(kind -> new Refusal(decision.key(), NackReason.NOT_FOUND, decision.key() + ": "
                    + ServedKinds.notServed(kind)));
        }
        return Optional.of(new Refusal(decision.key(), reason.get(), decision.key() + ": the cluster refused it ("
                + failure.describe() + ")"));
    }

    private static List<ManagedKind> kindsOf(ResourceDecision decision) {
        if (decision instanceof ResourceDecision.Apply apply) {
            return List.of(apply.kind());
        }
        return decision instanceof ResourceDecision.Delete delete ? delete.candidates() : List.of();
    }

    @Override
    public ApplyOutcome applyDesiredState(DesiredState state) {
        long started = System.nanoTime();
        try {
            return apply(state);
        } finally {
            latencyObserver.accept(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private ApplyOutcome apply(DesiredState state) {
        List<Refusal> refusals = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<RefusedResource> failed = new ArrayList<>();
        servedKinds.refreshIfIncomplete();
        for (Result result : applyEach(state.resources())) {
            if (result.refusal() != null) {
                refusals.add(result.refusal());
            } else if (result.failure() != null) {
                failures.add(result.failure().message());
                failed.add(result.failure());
            }
        }
        if (state.mode() == DesiredStateMode.SNAPSHOT && state.resources().isEmpty() && state.withheld().isEmpty()
                && !allowEmptySnapshot
                && objects.anyManaged(servedKinds.current())) {
            // An empty snapshot usually means the control plane lost its store, not that every database should go.
            refusals.add(new Refusal(null, NackReason.INVALID, "an empty desired state would delete every resource "
                    + "this agent manages in " + namespace + "; refused (delete them one by one, or start the agent "
                    + "with empty desired states allowed)"));
        } else if (state.mode() == DesiredStateMode.SNAPSHOT) {
            try {
                deleteUnlisted(state);
            } catch (KubernetesClientException e) {
                failures.add("removing resources absent from the snapshot: HTTP " + e.getCode() + " " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            LOG.warn("Desired state revision {} in {} could not be fully applied; it will be retried: {}",
                    state.revision(), namespace, failures);
            // A failure outside any one resource (removing unlisted ones) concerns them all: name none then.
            boolean allKeyed = failed.size() == failures.size();
            return ApplyOutcome.rejected(NackReason.APPLY_FAILED, String.join("; ", failures),
                    allKeyed ? failed : List.of());
        }
        try {
            stateStore.saveRevision(state.revision());
        } catch (KubernetesClientException e) {
            return ApplyOutcome.rejected(NackReason.APPLY_FAILED, "applied, but could not persist revision "
                    + state.revision() + " in ConfigMap " + AgentStateStore.NAME + ": HTTP " + e.getCode());
        }
        if (refusals.isEmpty()) {
            return ApplyOutcome.applied();
        }
        // The valid part is applied and persisted: record it so a redelivery is not applied again (see class doc).
        ledger.recordApplied(state.revision());
        NackReason reason = refusals.stream().map(Refusal::reason)
                .min(Comparator.comparingInt(SEVERITY::indexOf)).orElseThrow();
        String message = (state.resources().isEmpty() ? "refused: "
                : refusals.size() + " of " + state.resources().size() + " resources refused, the rest applied: ")
                + refusals.stream().map(r -> r.reason() + " " + r.message()).collect(Collectors.joining("; "));
        LOG.warn("Desired state revision {} in {}: {}", state.revision(), namespace, message);
        // The empty-snapshot refusal has no key: it concerns the whole state, so no resource is named.
        List<RefusedResource> named = refusals.stream().anyMatch(r -> r.key() == null) ? List.of()
                : refusals.stream().map(r -> new RefusedResource(r.key(), r.reason(), r.message())).toList();
        return ApplyOutcome.rejected(reason, message, named);
    }

    /** Every resource's result, in the order given; several at once when there are several. */
    private List<Result> applyEach(List<DesiredResource> resources) {
        if (resources.size() == 1) {
            return List.of(applyResource(resources.get(0)));
        }
        List<Callable<Result>> tasks = resources.stream().<Callable<Result>>map(r -> () -> applyResource(r)).toList();
        try {
            List<Result> results = new ArrayList<>(resources.size());
            for (Future<Result> result : writers.invokeAll(tasks)) {
                results.add(result.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying a desired state (the agent is stopping)", e);
        } catch (ExecutionException e) {
            // applyResource answers every Kubernetes error itself; anything else is a bug and must not pass silently.
            throw new IllegalStateException("applying a desired resource failed unexpectedly", e.getCause());
        }
    }

    private Result applyResource(DesiredResource resource) {
        ResourceDecision decision = decide(resource);
        try {
            return applyOne(decision).map(refusal -> new Result(refusal, null)).orElse(Result.APPLIED);
        } catch (KubernetesClientException e) {
            ApiFailure failure = ApiFailure.of(e);
            return refusalOrRetry(decision, failure).map(refusal -> new Result(refusal, null))
                    .orElseGet(() -> new Result(null, new RefusedResource(decision.key(), NackReason.APPLY_FAILED,
                            decision.key() + ": " + failure.describe())));
        }
    }

    private Optional<Refusal> applyOne(ResourceDecision decision) {
        if (decision instanceof ResourceDecision.Refuse refuse) {
            return Optional.of(new Refusal(refuse.key(), refuse.reason(), refuse.message()));
        }
        if (decision instanceof ResourceDecision.Apply apply) {
            if (!servedKinds.serves(apply.kind())) {
                return Optional.of(new Refusal(apply.key(), NackReason.NOT_FOUND, apply.key() + ": "
                        + ServedKinds.notServed(apply.kind())));
            }
            Optional<Refusal> refusal;
            try {
                refusal = write(apply, objects.current(apply.kind(), apply.key().name()));
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                    throw e;
                }
                // The object changed or went since the cache saw it: decide again from what the API server has now.
                refusal = write(apply, objects.get(apply.kind(), apply.key().name()));
            }
            if (refusal.isEmpty() && apply.kind() == ManagedKind.HELM_RELEASE) {
                components.expect(apply.key().name());
            }
            return refusal;
        }
        ResourceDecision.Delete delete = (ResourceDecision.Delete) decision;
        for (ManagedKind kind : delete.candidates()) {
            if (!servedKinds.serves(kind)) {
                continue;
            }
            Optional<GenericKubernetesResource> live = objects.get(kind, delete.key().name());
            if (live.isEmpty()) {
                continue;
            }
            if (!AgentLabels.isManaged(live.get())) {
                return Optional.of(notOurs(delete.key(), kind, "delete"));
            }
            remove(kind, delete.key().name());
        }
        return Optional.empty();
    }

    private Optional<Refusal> write(ResourceDecision.Apply apply, Optional<GenericKubernetesResource> live) {
        if (live.isPresent() && !AgentLabels.isManaged(live.get())) {
            return Optional.of(notOurs(apply.key(), apply.kind(), "overwrite"));
        }
        applier.apply(apply.object(), live.orElse(null));
        return Optional.empty();
    }

    /**
     * Deletes managed objects the snapshot does not list. Keys are compared whole: an entry naming another namespace
     * was refused and does not keep this namespace's object of the same name alive. A withheld resource (too large to
     * send) is listed: it is kept as it is, never deleted for being absent.
     */
    private void deleteUnlisted(DesiredState state) {
        Set<ResourceKey> listed = new HashSet<>(state.withheld());
        state.resources().forEach(r -> listed.add(r.key()));
        for (ManagedKind kind : servedKinds.current()) {
            for (GenericKubernetesResource live : objects.listManaged(kind)) {
                String name = live.getMetadata().getName();
                if (!listed.contains(new ResourceKey(kind.resourceKind(), namespace, name))) {
                    remove(kind, name);
                }
            }
        }
    }

    private void remove(ManagedKind kind, String name) {
        if (objects.delete(kind, name)) {
            LOG.info("Deleted {} {}/{}: no longer in the desired state", kind.kind(), namespace, name);
        }
        if (kind == ManagedKind.HELM_RELEASE) {
            components.forget(name);
        }
    }

    private Refusal notOurs(ResourceKey key, ManagedKind kind, String verb) {
        return new Refusal(key, NackReason.INVALID, key + ": " + kind.kind() + " " + namespace + "/" + key.name()
                + " exists without the label " + AgentLabels.MANAGED_SELECTOR
                + " (created by hand?); the agent does not " + verb + " objects it did not create");
    }

    /** Runs a registered {@link AgentCommand}; any other command is refused (cluster operations are desired state). */
    @Override
    public ApplyOutcome runCommand(Command command) {
        AgentCommand handler = commands.get(command.name());
        if (handler == null) {
            return ApplyOutcome.rejected(NackReason.UNSUPPORTED, "command '" + command.name() + "' is unknown to this "
                    + "agent (it runs " + (commands.isEmpty() ? "no commands" : "only " + new TreeSet<>(commands.keySet()))
                    + "; cluster operations travel as desired state)");
        }
        LOG.info("Running command {} ({}) in {}", command.commandId(), command.name(), namespace);
        return handler.run(command);
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }

    @Override
    public void resyncRequested(ResyncRequest request) {
        LOG.info("The control plane asked for every status again ({})", request.reason());
        resync.run();
    }
}
