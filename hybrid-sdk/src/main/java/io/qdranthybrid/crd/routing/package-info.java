/**
 * The optional {@code routing.qdrant.io/v1alpha1} kinds of the real Qdrant platform: {@code QdrantClusterRouting}
 * and {@code EnvoyBootstrapConfig}.
 */
package io.qdranthybrid.crd.routing;
