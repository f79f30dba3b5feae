package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Event mapping: turns every event of one informer into the keys of the primaries to reconcile. Level-triggered, so
 * on an update the primaries of the old and the new object both count.
 */
final class EventKeys<S extends HasMetadata> implements ResourceEventHandler<S> {

    private static final Logger LOG = LoggerFactory.getLogger(EventKeys.class);

    private final String controller;
    private final SecondaryMapper<S> mapper;
    private final boolean ignoreStatusOnlyChanges;
    private final Consumer<ResourceKey> enqueue;

    /**
     * @param controller              the controller's name, for logs
     * @param ignoreStatusOnlyChanges drop updates that change nothing but the status (the primary's own writes)
     */
    EventKeys(String controller, SecondaryMapper<S> mapper, boolean ignoreStatusOnlyChanges, Consumer<ResourceKey> enqueue) {
        this.controller = controller;
        this.mapper = mapper;
        this.ignoreStatusOnlyChanges = ignoreStatusOnlyChanges;
        this.enqueue = enqueue;
    }

    @Override
    public void onAdd(S object) {
        enqueueAll(object, null);
    }

    @Override
    public void onUpdate(S oldObject, S newObject) {
        if (ignoreStatusOnlyChanges && StatusOnlyChange.between(oldObject, newObject)) {
            return;
        }
        enqueueAll(newObject, oldObject);
    }

    @Override
    public void onDelete(S object, boolean deletedFinalStateUnknown) {
        enqueueAll(object, null);
    }

    private void enqueueAll(S object, S previousOrNull) {
        try {
            Set<ResourceKey> keys = new HashSet<>(mapper.primariesOf(object));
            if (previousOrNull != null) {
                keys.addAll(mapper.primariesOf(previousOrNull));
            }
            keys.forEach(enqueue);
        } catch (RuntimeException e) {
            // A faulty mapper must not stop the informer from delivering further events.
            LOG.warn("Controller {}: could not map {} {} to primaries: {}", controller, object.getKind(),
                    ResourceApplier.describe(object), e.toString());
        }
    }
}
