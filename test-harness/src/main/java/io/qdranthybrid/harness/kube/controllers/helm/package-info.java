/**
 * Flux's helm-controller and source-controller, renamed to {@code cd.qdrant.io} as the real product ships them:
 * HelmRepositories become Ready with an artifact, HelmReleases are installed, upgraded, failed or rolled back with
 * the conditions and history Flux writes, so the agent's status contract is exercised. Not modelled: fetching or
 * rendering charts, so no object a chart would create appears in the cluster.
 */
package io.qdranthybrid.harness.kube.controllers.helm;
