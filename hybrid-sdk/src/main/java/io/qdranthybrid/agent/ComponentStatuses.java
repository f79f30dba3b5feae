package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health of component releases as Flux's helm-controller reports it: READY when the HelmRelease's {@code Ready}
 * condition is True, NOT_READY otherwise (with the condition's message), NOT_FOUND when an expected release is missing.
 * The version is the one running: the chart version of the newest {@code deployed} entry of {@code status.history}
 * (so after a failed upgrade rolled back, the old version), else {@code status.lastAppliedRevision} (older Flux),
 * else, while nothing was ever deployed, the version asked for.
 */
public final class ComponentStatuses {

    private ComponentStatuses() {
    }

    /**
     * @param namespace the releases' namespace
     * @param expected  release names that should exist
     * @param releases  HelmRelease objects (as JSON) found in the namespace
     */
    public static List<ComponentStatus> of(String namespace, Collection<String> expected, Collection<JsonNode> releases) {
        Map<String, ComponentStatus> byName = new TreeMap<>();
        for (String name : expected) {
            byName.put(name, new ComponentStatus(name, namespace, "", ComponentPhase.NOT_FOUND,
                    "HelmRelease " + namespace + "/" + name + " not found"));
        }
        for (JsonNode release : releases) {
            String name = release.path("metadata").path("name").asText("");
            if (!name.isEmpty()) {
                byName.put(name, of(namespace, name, release));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** Every expected release NOT_FOUND with {@code why}: the cluster cannot hold HelmReleases at all. */
    public static List<ComponentStatus> unavailable(String namespace, Collection<String> expected, String why) {
        return expected.stream().sorted().map(name -> new ComponentStatus(name, namespace, "", ComponentPhase.NOT_FOUND,
                "HelmRelease " + namespace + "/" + name + " cannot exist: " + why)).toList();
    }

    static ComponentStatus of(String namespace, String name, JsonNode release) {
        String version = runningVersion(release);
        JsonNode ready = null;
        for (JsonNode condition : release.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                ready = condition;
            }
        }
        if (ready == null) {
            return new ComponentStatus(name, namespace, version, ComponentPhase.NOT_READY,
                    "no Ready condition yet: the helm-controller has not reconciled this release");
        }
        long generation = release.path("metadata").path("generation").asLong(0);
        long observed = ready.path("observedGeneration").asLong(generation);
        String message = ready.path("message").asText("");
        if (observed < generation) {
            // A Ready=True about an older spec says nothing about the version just asked for.
            return new ComponentStatus(name, namespace, version, ComponentPhase.NOT_READY,
                    "the helm-controller has not reconciled generation " + generation + " yet (last: " + message + ")");
        }
        ComponentPhase phase = "True".equals(ready.path("status").asText()) ? ComponentPhase.READY : ComponentPhase.NOT_READY;
        return new ComponentStatus(name, namespace, version, phase, message);
    }

    private static String runningVersion(JsonNode release) {
        // Flux keeps the history newest first.
        for (JsonNode entry : release.path("status").path("history")) {
            String chartVersion = entry.path("chartVersion").asText("");
            if ("deployed".equals(entry.path("status").asText()) && !chartVersion.isEmpty()) {
                return chartVersion;
            }
        }
        String lastApplied = release.path("status").path("lastAppliedRevision").asText("");
        return lastApplied.isEmpty() ? release.path("spec").path("chart").path("spec").path("version").asText("")
                : lastApplied;
    }
}
