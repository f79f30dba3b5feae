/**
 * The control plane of the simulated cluster beside its API server, one package per component of a real cluster so
 * each is found by its name: {@code kubelet}, {@code scheduler} (kube-scheduler), {@code statefulset}, {@code gc}
 * and {@code storage} (kube-controller-manager's controllers, the CSI sidecars and snapshot-controller), {@code helm}
 * (Flux's helm-controller), all built on {@code machinery} (informers, work queue, controller base). Each writes as
 * the identity its real counterpart has ({@code ControllerIdentity}), held by RBAC to that counterpart's rules.
 */
package io.qdranthybrid.harness.kube.controllers;
