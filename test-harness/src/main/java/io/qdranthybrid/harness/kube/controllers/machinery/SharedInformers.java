package io.qdranthybrid.harness.kube.controllers.machinery;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One informer per resource type for all the simulated controllers, as kube-controller-manager shares its
 * informer factory: every watch event is then decoded and cached once, however many controllers look at pods.
 * Each controller adds its own event handlers and indexers to the informer it is handed (indexers added to a
 * running informer index what it already holds), reads the same cache, and must treat cached objects as
 * read-only since the others see the very same instances.
 *
 * <p>Every informer watches all namespaces (the only scope the simulated controllers use). An informer starts
 * the first time a controller asks for it to be started and stops when this registry is closed, never when
 * one controller stops. A controller built with just a client gets a {@link #privateTo private} registry, which
 * it closes itself.
 */
public final class SharedInformers implements AutoCloseable {

    private static final String FABRIC8_MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    /** An informer is per representation (model class or generic) and resource. */
    private record Key(Class<?> representation, String group, String version, String plural) {
    }

    private final KubernetesClient client;
    private final Function<ControllerIdentity, KubernetesClient> clientBuilder;
    /** The clients built for the controllers' identities, closed with the registry. */
    private final Map<ControllerIdentity, KubernetesClient> identityClients = new ConcurrentHashMap<>();
    private final boolean privateToOneController;
    private final Map<Key, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private final Map<SharedIndexInformer<?>, CompletableFuture<Void>> starts = new HashMap<>();
    private boolean closed;

    /** A registry shared by the controllers of one cluster; its owner closes it after stopping them. */
    public SharedInformers(KubernetesClient client) {
        this(client, null, false);
    }

    /**
     * A registry whose informers watch with {@code client} while each controller writes with a client of its own
     * identity, built by {@code clientBuilder}: as kube-controller-manager's shared informer factory reads with its
     * own credentials and hands each controller a client of its ServiceAccount (ControllerClientBuilder).
     */
    public SharedInformers(KubernetesClient client, Function<ControllerIdentity, KubernetesClient> clientBuilder) {
        this(client, Objects.requireNonNull(clientBuilder, "clientBuilder"), false);
    }

    private SharedInformers(KubernetesClient client, Function<ControllerIdentity, KubernetesClient> clientBuilder,
            boolean privateToOneController) {
        this.client = client;
        this.clientBuilder = clientBuilder;
        this.privateToOneController = privateToOneController;
    }

    /** A registry for a single controller that closes it when it stops. */
    public static SharedInformers privateTo(KubernetesClient client) {
        return new SharedInformers(client, null, true);
    }

    /** The client the informers watch with. */
    public KubernetesClient client() {
        return client;
    }

    /** The client a controller of this identity writes with: its own, or the informers' when none can be built. */
    public KubernetesClient clientFor(ControllerIdentity identity) {
        if (clientBuilder == null) {
            return client;
        }
        return identityClients.computeIfAbsent(identity, clientBuilder);
    }

    boolean isPrivateToOneController() {
        return privateToOneController;
    }

    /** The informer of all {@code type} objects, created on first request. */
    public synchronized <T extends HasMetadata> SharedIndexInformer<T> typed(Class<T> type) {
        Key key = new Key(type, HasMetadata.getGroup(type), HasMetadata.getVersion(type), HasMetadata.getPlural(type));
        @SuppressWarnings("unchecked")
        SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.computeIfAbsent(key, k -> {
            ensureOpen();
            return Namespaced.class.isAssignableFrom(type)
                    ? client.resources(type).inAnyNamespace().runnableInformer(0)
                    : client.resources(type).runnableInformer(0);
        });
        return informer;
    }

    /** The informer of a kind without a model class here (volume snapshots, custom resources). */
    public synchronized SharedIndexInformer<GenericKubernetesResource> generic(ResourceDefinitionContext context) {
        Key key = new Key(GenericKubernetesResource.class, context.getGroup(), context.getVersion(), context.getPlural());
        @SuppressWarnings("unchecked")
        SharedIndexInformer<GenericKubernetesResource> informer = (SharedIndexInformer<GenericKubernetesResource>)
                informers.computeIfAbsent(key, k -> {
                    ensureOpen();
                    var operation = client.genericKubernetesResources(context);
                    return context.isNamespaceScoped()
                            ? operation.inAnyNamespace().runnableInformer(0)
                            : operation.runnableInformer(0);
                });
        return informer;
    }

    /**
     * For a controller that reads only metadata (the garbage collector): the typed informer when the kind is a
     * built-in Kubernetes model class, so it is the one the other controllers use, and the generic one otherwise.
     */
    public SharedIndexInformer<? extends HasMetadata> forMetadataOf(ResourceDefinitionContext context) {
        String apiVersion = context.getGroup() == null || context.getGroup().isEmpty()
                ? context.getVersion() : context.getGroup() + "/" + context.getVersion();
        Class<? extends KubernetesResource> model = client.getKubernetesSerialization()
                .getRegisteredKubernetesResource(apiVersion, context.getKind());
        if (model != null && HasMetadata.class.isAssignableFrom(model) && model.getName().startsWith(FABRIC8_MODEL_PACKAGE)
                && HasMetadata.getPlural(model.asSubclass(HasMetadata.class)).equals(context.getPlural())) {
            return typed(model.asSubclass(HasMetadata.class));
        }
        return generic(context);
    }

    /**
     * Starts the informer unless it is already started; the future completes once its first list is cached,
     * and the same future is returned to every controller that asks (a failed start is not retried).
     */
    synchronized CompletableFuture<Void> start(SharedIndexInformer<?> informer) {
        if (!informers.containsValue(informer)) {
            throw new IllegalArgumentException("the informer does not belong to this registry");
        }
        ensureOpen();
        return starts.computeIfAbsent(informer, i -> i.start().toCompletableFuture()
                // A kind the API server does not serve would be listed again forever: nobody can use it.
                .whenComplete((synced, failure) -> {
                    if (failure != null) {
                        i.stop();
                    }
                }));
    }

    /** How many informers (watches) the registry holds. */
    public synchronized int size() {
        return informers.size();
    }

    /** Stops every informer; idempotent. */
    @Override
    public void close() {
        List<SharedIndexInformer<?>> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(informers.values());
        }
        toStop.forEach(SharedIndexInformer::stop);
        identityClients.values().forEach(KubernetesClient::close);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the shared informers were closed");
        }
    }
}
