/**
 * kube-scheduler, simulated (kubernetes pkg/scheduler). Binds each pending pod through the {@code pods/binding}
 * subresource to the least-loaded node that passes its filters (nodeSelector, required node affinity,
 * NoSchedule/NoExecute taints, pods/cpu/memory allocatable) and marks a pod that fits nowhere
 * PodScheduled=False/Unschedulable with the real scheduler's message. Not modelled: scoring plugins beyond "least
 * loaded", preferred affinity, pod (anti-)affinity, topology spread constraints, preemption and multiple profiles.
 */
package io.qdranthybrid.harness.kube.controllers.scheduler;
