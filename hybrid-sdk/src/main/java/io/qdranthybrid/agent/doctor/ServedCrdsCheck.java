package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.agent.ManagedKind;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CRDs of every kind the agent writes ({@link ManagedKind#ALL}), served at the version it writes. Discovery
 * answers it, which every authenticated user may read, so no cluster-scoped right is needed. Without the qdrant.io
 * kinds nothing works; without cd.qdrant.io only component releases are refused.
 */
public final class ServedCrdsCheck {

    static final String NAME = "CustomResourceDefinitions";
    private static final String COMPONENT_GROUP = "cd.qdrant.io";

    private ServedCrdsCheck() {
    }

    /** The apiVersions the agent's kinds need, each to be looked up by discovery. */
    public static Set<String> apiVersions() {
        Set<String> versions = new java.util.LinkedHashSet<>();
        ManagedKind.ALL.forEach(kind -> versions.add(kind.apiVersion()));
        return versions;
    }

    /** @param served per apiVersion, the resources discovery lists (an empty set when the version is not served) */
    public static PrerequisiteCheck check(Map<String, Readout<Set<String>>> served) {
        List<ManagedKind> missing = new ArrayList<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (ManagedKind kind : ManagedKind.ALL) {
            Readout<Set<String>> resources = served.getOrDefault(kind.apiVersion(), new Readout.Unreadable<>("not asked"));
            if (resources instanceof Readout.Found<Set<String>> found) {
                if (!found.value().contains(kind.plural())) {
                    missing.add(kind);
                }
            } else {
                unreadable.put(kind.apiVersion(), resources.detail());
            }
        }
        if (missing.isEmpty() && unreadable.isEmpty()) {
            return PrerequisiteCheck.pass(NAME, "all " + ManagedKind.ALL.size() + " kinds the agent manages are served ("
                    + String.join(", ", apiVersions()) + ")");
        }
        if (missing.isEmpty()) {
            return PrerequisiteCheck.warn(NAME, "cannot check " + unreadable, "check that API discovery works");
        }
        String found = "not served: " + String.join(", ", missing.stream()
                .map(k -> k.kind() + " " + k.apiVersion() + " (" + k.crdName() + ")").toList());
        String advice = "install the CRDs with the version the agent expects: the qdrant-hybrid-crds chart "
                + "(deploy/kustomize/crds)" + (missing.stream().anyMatch(k -> k.group().equals(COMPONENT_GROUP))
                ? "; for cd.qdrant.io the qdrant-hybrid-helm-crds chart (deploy/kustomize/helm-crds)" : "");
        boolean onlyComponentReleases = missing.stream().allMatch(k -> k.group().equals(COMPONENT_GROUP));
        return onlyComponentReleases
                ? PrerequisiteCheck.warn(NAME, found + ": component releases are refused until installed", advice)
                : PrerequisiteCheck.fail(NAME, found, advice);
    }
}
