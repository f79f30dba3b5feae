/**
 * What every simulated controller is built from, as kube-controller-manager builds its controllers from client-go:
 * shared informers (one cache per kind for all controllers), a de-duplicating work queue with per-key back-off,
 * the {@link io.qdranthybrid.harness.kube.controllers.machinery.InformerController} base with pause/resume,
 * creation expectations, an event recorder and the pod facts controllers decide on. It simulates no component
 * itself and depends on none of the component packages beside it.
 */
package io.qdranthybrid.harness.kube.controllers.machinery;
