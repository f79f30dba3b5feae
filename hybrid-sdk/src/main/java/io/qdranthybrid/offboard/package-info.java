/**
 * Offboarding on the customer's side: {@link io.qdranthybrid.offboard.NamespaceCleanup} removes the agent, the
 * operator, what is left of the {@code qdrant.io} objects, the namespace and the CRDs, in that order, as the hosted
 * product's {@code hybrid-cloud-cleanup.sh} does. Run by {@code java -jar hybrid-agent.jar cleanup}.
 */
package io.qdranthybrid.offboard;
