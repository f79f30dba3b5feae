package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;

import java.util.List;

/** What the agent will do with one desired resource, decided before anything touches Kubernetes. */
public sealed interface ResourceDecision permits ResourceDecision.Apply, ResourceDecision.Delete, ResourceDecision.Refuse {

    ResourceKey key();

    /** Create or update {@code object} (already labelled and annotated) of {@code kind}. */
    record Apply(ResourceKey key, ManagedKind kind, GenericKubernetesResource object) implements ResourceDecision {
    }

    /** Delete the agent-managed object named by the key, of whichever of {@code candidates} it is. */
    record Delete(ResourceKey key, List<ManagedKind> candidates) implements ResourceDecision {
        public Delete {
            candidates = List.copyOf(candidates);
        }
    }

    /** Leave Kubernetes alone and tell the control plane why. */
    record Refuse(ResourceKey key, NackReason reason, String message) implements ResourceDecision {
    }
}
