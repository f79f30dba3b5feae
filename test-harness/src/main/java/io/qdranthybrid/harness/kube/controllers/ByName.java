package io.qdranthybrid.harness.kube.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.lang.reflect.InvocationTargetException;

/**
 * Patches an object by name in one request. fabric8's {@code withName(n).patch(context, json)} first GETs the
 * object only to learn its name and namespace (a third of the simulator's requests went to those reads); a stub
 * carrying just the name and namespace targets the same URL, so a patch costs what it costs a real controller.
 */
final class ByName {

    private ByName() {
    }

    /** A JSON merge patch of the object (not its status). */
    static <T extends HasMetadata> T mergePatch(KubernetesClient client, Class<T> type, String namespace, String name,
                                                String patch) {
        return target(client, type, namespace, name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    /** A JSON merge patch through the status subresource. */
    static <T extends HasMetadata> T mergePatchStatus(KubernetesClient client, Class<T> type, String namespace,
                                                      String name, String patch) {
        return target(client, type, namespace, name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private static <T extends HasMetadata> Resource<T> target(KubernetesClient client, Class<T> type,
                                                              String namespace, String name) {
        T stub = newInstance(type);
        stub.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        return namespace == null
                ? client.resources(type).resource(stub)
                : client.resources(type).inNamespace(namespace).resource(stub);
    }

    private static <T> T newInstance(Class<T> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                 | NoSuchMethodException e) {
            throw new IllegalArgumentException("cannot instantiate " + type.getName(), e);
        }
    }
}
