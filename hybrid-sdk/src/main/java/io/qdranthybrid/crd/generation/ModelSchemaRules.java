package io.qdranthybrid.crd.generation;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.qdranthybrid.crd.schema.EmbeddedResource;
import io.qdranthybrid.crd.schema.ListType;
import io.qdranthybrid.crd.schema.NotInSchema;
import io.qdranthybrid.crd.schema.SchemaFormat;
import io.qdranthybrid.crd.schema.SpecRequired;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes a generated CRD's schema with what the fabric8 generator does not derive from the model, walking the
 * schema and the Java types it was generated from side by side: formats ({@link SchemaFormat}, {@code Long} as
 * {@code int64}, Kubernetes {@code int32}s), {@link EmbeddedResource}s, fields {@link NotInSchema}, the markers of
 * embedded Kubernetes types ({@link KubernetesApiMarkers}), quantities' pattern, and the root's {@code apiVersion},
 * {@code kind} and {@code metadata} as controller-gen declares them. Kinds without a status lose the empty
 * {@code status} the generator adds.
 */
public final class ModelSchemaRules implements CRDPostProcessor {

    /** k8s.io/apimachinery/pkg/api/resource.Quantity's OpenAPI pattern (quantity.go, OpenAPISchemaFormat). */
    static final String QUANTITY_PATTERN = "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]"
            + "|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";
    private static final String KUBERNETES_MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private final Collection<Class<?>> kinds;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param kinds the custom resource classes the CRDs are generated from */
    public ModelSchemaRules(Collection<? extends Class<?>> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            Class<?> kind = kinds.stream()
                    .filter(type -> type.getSimpleName().equals(definition.getSpec().getNames().getKind()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no model for " + definition.getMetadata().getName()));
            if (definition.getSpec().getNames().getListKind() == null) {
                // what the API server defaults it to; controller-gen states it
                definition.getSpec().getNames().setListKind(definition.getSpec().getNames().getKind() + "List");
            }
            for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
                JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
                JavaType type = mapper.constructType(kind);
                walk(type, root);
                dropVoidStatus(type, root);
                if (kind.isAnnotationPresent(SpecRequired.class)) {
                    root.setRequired(List.of("spec"));
                }
                completeRoot(root);
            }
        }
        return crd;
    }

    /** The generator declares {@code status: object} even for {@code CustomResource<Spec, Void>}. */
    private void dropVoidStatus(JavaType kind, JSONSchemaProps root) {
        mapper.getSerializationConfig().introspect(kind).findProperties().stream()
                .filter(property -> property.getName().equals("status"))
                .filter(property -> property.getPrimaryType().getRawClass() == Void.class)
                .findFirst()
                .ifPresent(property -> root.getProperties().remove("status"));
    }

    private static void completeRoot(JSONSchemaProps root) {
        Map<String, JSONSchemaProps> properties = new LinkedHashMap<>();
        properties.put("apiVersion", new JSONSchemaPropsBuilder().withType("string").build());
        properties.put("kind", new JSONSchemaPropsBuilder().withType("string").build());
        properties.put("metadata", new JSONSchemaPropsBuilder().withType("object").build());
        properties.putAll(root.getProperties());
        root.setProperties(properties);
    }

    private void walk(JavaType type, JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        Class<?> raw = type.getRawClass();
        if (raw == Quantity.class) {
            schema.setPattern(QUANTITY_PATTERN);
            return;
        }
        if (raw == IntOrString.class || JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (schema.getItems() != null) {
                walk(type.getContentType(), schema.getItems().getSchema());
            }
            return;
        }
        if (type.isMapLikeType()) {
            if (schema.getAdditionalProperties() != null) {
                walk(type.getContentType(), schema.getAdditionalProperties().getSchema());
            }
            return;
        }
        if (raw == ObjectMeta.class) {
            // controller-gen declares an embedded ObjectMeta (outside an embedded resource) as a bare object
            schema.setProperties(null);
            return;
        }
        if (schema.getProperties() == null || type.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.")) {
            return;
        }
        KubernetesApiMarkers.of(raw).ifPresent(markers -> markers.applyTo(schema));
        boolean kubernetesType = raw.getName().startsWith(KUBERNETES_MODEL_PACKAGE);
        for (BeanPropertyDefinition property : mapper.getSerializationConfig().introspect(type).findProperties()) {
            JSONSchemaProps child = schema.getProperties().get(property.getName());
            if (child == null) {
                continue;
            }
            if (annotation(property, NotInSchema.class) != null) {
                schema.getProperties().remove(property.getName());
                continue;
            }
            JavaType childType = property.getPrimaryType();
            SchemaFrom from = annotation(property, SchemaFrom.class);
            if (from != null) {
                childType = mapper.constructType(from.type());
            }
            applyFormat(property, childType, child, kubernetesType);
            ListType listType = annotation(property, ListType.class);
            if (listType != null) {
                child.setXKubernetesListType(listType.value());
            }
            if (annotation(property, EmbeddedResource.class) != null) {
                child.setType("object");
                child.setXKubernetesEmbeddedResource(true);
            }
            walk(childType, child);
        }
    }

    private static void applyFormat(BeanPropertyDefinition property, JavaType type, JSONSchemaProps schema,
                                    boolean kubernetesType) {
        SchemaFormat format = annotation(property, SchemaFormat.class);
        Class<?> raw = type.getRawClass();
        if (format != null) {
            schema.setFormat(format.value().isEmpty() ? null : format.value());
        } else if (raw == Long.class || raw == long.class) {
            schema.setFormat("int64");
        } else if (kubernetesType && (raw == Integer.class || raw == int.class)) {
            schema.setFormat("int32"); // Go int32, which fabric8 models as Integer
        } else if (type.isCollectionLikeType() && schema.getItems() != null && kubernetesType) {
            Class<?> item = type.getContentType().getRawClass();
            if (item == Long.class) {
                schema.getItems().getSchema().setFormat("int64");
            } else if (item == Integer.class) {
                schema.getItems().getSchema().setFormat("int32");
            }
        }
    }

    private static <A extends Annotation> A annotation(BeanPropertyDefinition property, Class<A> type) {
        if (property.getField() != null && property.getField().getAnnotation(type) != null) {
            return property.getField().getAnnotation(type);
        }
        AnnotatedMember member = property.getPrimaryMember();
        return member == null ? null : member.getAnnotation(type);
    }
}
