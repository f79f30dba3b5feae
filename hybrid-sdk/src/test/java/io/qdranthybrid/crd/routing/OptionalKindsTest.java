package io.qdranthybrid.crd.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.crd.auth.APIAuthentication;
import io.qdranthybrid.crd.schema.StructuralSchemaChecker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional auth and routing kinds: read and written by the model like the rest, checked by their CRDs. */
class OptionalKindsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void aRouteKeepsFieldsTheModelDoesNotKnowAndItsCrdDefaultsTheRest() throws IOException {
        String yaml = """
                apiVersion: routing.qdrant.io/v1alpha1
                kind: QdrantClusterRouting
                metadata: {name: orders, namespace: qdrant}
                spec: {clusterId: orders, fqdn: orders.example.com, nodeIndexes: [0, 1], weight: 3}
                """;
        QdrantClusterRouting route = SERIALIZATION.unmarshal(yaml, QdrantClusterRouting.class);

        assertThat(route.getSpec().getNodeIndexes()).containsExactly(0, 1);
        assertThat(route.getSpec().getUnknownFields()).containsEntry("weight", 3);
        JsonNode written = SERIALIZATION.convertValue(route, JsonNode.class);
        assertThat(written.at("/spec/weight").asInt()).isEqualTo(3);

        JsonNode spec = schema("qdrantclusterroutes.routing.qdrant.io").at("/properties/spec");
        assertThat(spec.at("/properties/enabled/default").asBoolean()).isTrue();
        assertThat(spec.at("/properties/servicePerNode/default").asBoolean()).isTrue();
        // the client keeps "weight"; the API server, like the real one, prunes it
        assertThat(new StructuralSchemaChecker(checkerSchema("qdrantclusterroutes.routing.qdrant.io")).check(written))
                .containsExactly("spec.weight: pruned (unknown field)");
    }

    @Test
    void anApiAuthenticationNeedsItsSpecAndUniqueClusterIds() throws IOException {
        APIAuthentication auth = SERIALIZATION.unmarshal("""
                apiVersion: auth.qdrant.io/v1alpha1
                kind: APIAuthentication
                metadata: {name: key-1}
                spec: {clusterIDs: [a, a], sha512: short}
                """, APIAuthentication.class);
        JsonNode written = SERIALIZATION.convertValue(auth, JsonNode.class);
        StructuralSchemaChecker checker = new StructuralSchemaChecker(checkerSchema("apiauthentications.auth.qdrant.io"));

        assertThat(checker.check(written)).containsExactlyInAnyOrder(
                "spec.clusterIDs[1]: Duplicate value: \"a\"",
                "spec.sha512: Invalid value: \"short\": should be at least 128 chars long");
        assertThat(checker.check(SERIALIZATION.convertValue(new APIAuthentication(), JsonNode.class)))
                .contains("spec: Required value");
    }

    private static io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps checkerSchema(String name)
            throws IOException {
        return crd(name).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    }

    private static JsonNode schema(String name) throws IOException {
        return SERIALIZATION.convertValue(checkerSchema(name), JsonNode.class);
    }

    private static CustomResourceDefinition crd(String name) throws IOException {
        try (InputStream in = OptionalKindsTest.class.getResourceAsStream("/META-INF/qdrant-optional-crds/" + name + "-v1.yml")) {
            assertThat(in).as("optional CRD %s in the jar, outside META-INF/fabric8", name).isNotNull();
            return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
        }
    }
}
