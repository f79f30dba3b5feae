package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;

/**
 * Persists the last applied desired-state revision in the ConfigMap {@value #NAME}, so a restarted agent says so in
 * its Hello and receives a delta instead of a snapshot. Writes only when the revision moved.
 */
public final class AgentStateStore {

    public static final String NAME = "qdrant-cloud-agent-state";
    static final String REVISION_KEY = "lastAppliedRevision";
    private static final Logger LOG = LoggerFactory.getLogger(AgentStateStore.class);

    private final KubernetesClient client;
    private final String namespace;
    private volatile long stored = -1;

    public AgentStateStore(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** The persisted revision, 0 if the agent never applied anything here. */
    public long loadRevision() {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(NAME).get();
        String value = map == null || map.getData() == null ? null : map.getData().get(REVISION_KEY);
        long revision = 0;
        if (value != null) {
            try {
                revision = Math.max(0, Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                // A hand-edited value must not stop the agent: starting from 0 only costs a snapshot.
                LOG.warn("ConfigMap {}/{} has an unreadable {} '{}'; asking for a snapshot", namespace, NAME,
                        REVISION_KEY, value);
            }
        }
        stored = revision;
        return revision;
    }

    /** Records {@code revision} as applied; never moves backwards. */
    public synchronized void saveRevision(long revision) {
        if (revision <= stored) {
            return;
        }
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                .addToLabels(AgentLabels.MANAGED_BY, AgentLabels.MANAGED_BY_VALUE).endMetadata()
                .withData(Map.of(REVISION_KEY, Long.toString(revision))).build();
        var maps = client.configMaps().inNamespace(namespace);
        if (maps.withName(NAME).get() == null) {
            maps.resource(desired).create();
        } else {
            maps.withName(NAME).edit(live -> new ConfigMapBuilder(live).addToData(REVISION_KEY, Long.toString(revision))
                    .build());
        }
        stored = revision;
    }
}
