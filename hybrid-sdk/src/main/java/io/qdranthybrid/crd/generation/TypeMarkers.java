package io.qdranthybrid.crd.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The schema rules of one Kubernetes API type that its Go source states as markers ({@code +required},
 * {@code +structType=atomic}, {@code +listType}, {@code +default}, {@code +kubebuilder:validation:*}) and the fabric8
 * model classes do not carry. Applied to every schema node generated from that type.
 */
final class TypeMarkers {

    private final List<String> required = new ArrayList<>();
    private boolean atomic;
    private final Map<String, Consumer<JSONSchemaProps>> properties = new LinkedHashMap<>();
    private final Map<String, JSONSchemaProps> added = new LinkedHashMap<>();

    static TypeMarkers type() {
        return new TypeMarkers();
    }

    /** Fields without {@code omitempty} or marked {@code +required}. */
    TypeMarkers required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    /** {@code +structType=atomic}: server-side apply replaces the object as a whole. */
    TypeMarkers atomic() {
        atomic = true;
        return this;
    }

    /** {@code +listType=atomic} on each named list. */
    TypeMarkers atomicLists(String... names) {
        for (String name : names) {
            property(name, schema -> schema.setXKubernetesListType("atomic"));
        }
        return this;
    }

    /** {@code +listType=map} with {@code +listMapKey}s. */
    TypeMarkers mapList(String name, String... keys) {
        return property(name, schema -> {
            schema.setXKubernetesListType("map");
            schema.setXKubernetesListMapKeys(List.of(keys));
        });
    }

    TypeMarkers defaultValue(String name, String value) {
        return property(name, schema -> schema.setDefault(JsonNodeFactory.instance.textNode(value)));
    }

    TypeMarkers defaultValue(String name, boolean value) {
        return property(name, schema -> schema.setDefault(JsonNodeFactory.instance.booleanNode(value)));
    }

    /** {@code metav1.Time} fields, serialised as RFC 3339. */
    TypeMarkers dateTimes(String... names) {
        for (String name : names) {
            property(name, schema -> schema.setFormat("date-time"));
        }
        return this;
    }

    TypeMarkers enumOf(String name, String... values) {
        return property(name, schema -> schema.setEnum(
                List.of(values).stream().map(value -> (JsonNode) JsonNodeFactory.instance.textNode(value)).toList()));
    }

    /**
     * A field newer than the fabric8 model: declared so the API server keeps it, as the real CRD (built from a newer
     * k8s.io/api) does. The client keeps it too, in the model class's additional properties.
     */
    TypeMarkers addedProperty(String name, JSONSchemaProps schema) {
        added.put(name, schema);
        return this;
    }

    TypeMarkers property(String name, Consumer<JSONSchemaProps> rule) {
        properties.merge(name, rule, Consumer::andThen);
        return this;
    }

    /** Applies these markers to {@code schema}, a node generated from this type. */
    void applyTo(JSONSchemaProps schema) {
        if (!required.isEmpty()) {
            List<String> all = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
            required.stream().filter(name -> !all.contains(name)).forEach(all::add);
            schema.setRequired(all.stream().sorted().toList());
        }
        if (!added.isEmpty() && schema.getProperties() != null) {
            Map<String, JSONSchemaProps> all = new TreeMap<>(schema.getProperties());
            added.forEach(all::putIfAbsent);
            schema.setProperties(new LinkedHashMap<>(all));
        }
        if (atomic) {
            schema.setXKubernetesMapType("atomic");
        }
        properties.forEach((name, rule) -> {
            JSONSchemaProps property = schema.getProperties() == null ? null : schema.getProperties().get(name);
            if (property != null) {
                rule.accept(property);
            }
        });
    }
}
