package io.qdranthybrid.crd;

import io.qdranthybrid.crd.auth.APIAuthentication;
import io.qdranthybrid.crd.routing.EnvoyBootstrapConfig;
import io.qdranthybrid.crd.routing.QdrantClusterRouting;

import java.util.List;

/**
 * The optional API groups of the real Qdrant platform ({@code auth.qdrant.io}, {@code routing.qdrant.io}), off by
 * default in its chart ({@code includeAuthCRDs}, {@code includeRoutingCRDs}). Their CRDs are generated like the
 * qdrant.io/v1 ones but published apart ({@code crds/optional/}), so neither {@code kubectl apply -f crds/} nor the
 * simulated cluster installs them unless asked. Neither our operator nor our agent uses them.
 */
public final class OptionalQdrantApis {

    public static final String AUTH_GROUP = "auth.qdrant.io";
    public static final String ROUTING_GROUP = "routing.qdrant.io";
    public static final String VERSION = "v1alpha1";

    /** Every optional kind. */
    public static final List<Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>>> KINDS = List.of(
            APIAuthentication.class,
            QdrantClusterRouting.class,
            EnvoyBootstrapConfig.class);

    private OptionalQdrantApis() {
    }
}
