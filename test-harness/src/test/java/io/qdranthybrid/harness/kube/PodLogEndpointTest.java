package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.harness.runtime.ContainerLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET pods/{name}/log} as kube-apiserver serves it (pkg/registry/core/pod/rest/log.go): plain text, the
 * PodLogOptions query, the kubelet's errors, and RBAC on the {@code pods/log} subresource.
 */
class PodLogEndpointTest {

    private static final String NS = "qdrant";

    @RegisterExtension
    final ApiServerFixture fixture = new ApiServerFixture();

    private final ContainerLog current = new ContainerLog(Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC));
    private ContainerLog previous;

    @BeforeEach
    void podWithALog() {
        KubernetesClient admin = fixture.client();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        admin.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("qdrant-a-0").endMetadata()
                .withNewSpec().addNewContainer().withName("qdrant").withImage("qdrant/qdrant:v1.12.3").endContainer()
                .endSpec().build()).create();
        current.write("line one\nline two\nline three");
        fixture.server().serveLogsFrom((namespace, pod, container) -> NS.equals(namespace) && "qdrant-a-0".equals(pod)
                && "qdrant".equals(container) ? Optional.of(new PodLogSource.Logs(current, previous)) : Optional.empty());
    }

    @Test
    void servesTheContainerLogAsPlainText() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        fixture.server().url() + "/api/v1/namespaces/qdrant/pods/qdrant-a-0/log"))
                .header("Authorization", "Bearer " + io.qdranthybrid.harness.kube.auth.Authenticator.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo("line one\nline two\nline three\n");
    }

    @Test
    void tailLinesKeepsTheLastLinesAndTimestampsPrefixThem() {
        String log = fixture.client().pods().inNamespace(NS).withName("qdrant-a-0").usingTimestamps().tailingLines(2)
                .getLog();
        assertThat(log).isEqualTo("2026-01-01T10:00:00.000000000Z line two\n2026-01-01T10:00:00.000000000Z line three\n");
    }

    @Test
    void limitBytesCutsTheBody() {
        assertThat(fixture.client().pods().inNamespace(NS).withName("qdrant-a-0").limitBytes(6).getLog())
                .isEqualTo("line o");
    }

    @Test
    void limitBytesAndTailLinesTogether() {
        var limited = (io.fabric8.kubernetes.client.dsl.BytesLimitTerminateTimeTailPrettyLoggable) fixture.client().pods()
                .inNamespace(NS).withName("qdrant-a-0").limitBytes(1 << 20);
        assertThat(limited.tailingLines(2).getLog()).isEqualTo("line two\nline three\n");
    }

    @Test
    void sinceTimeDropsOlderLines() {
        assertThat(fixture.client().pods().inNamespace(NS).withName("qdrant-a-0").sinceTime("2026-01-01T10:00:01Z")
                .getLog()).isEmpty();
    }

    @Test
    void previousWithoutARestartIsTheKubeletsBadRequest() {
        assertThatThrownBy(() -> fixture.client().pods().inNamespace(NS).withName("qdrant-a-0").terminated().getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("previous terminated container \"qdrant\" in pod \"qdrant-a-0\" not found");
                });
    }

    @Test
    void previousReadsTheLogOfTheContainerBeforeTheRestart() {
        previous = new ContainerLog();
        previous.write("panicked");
        assertThat(fixture.client().pods().inNamespace(NS).withName("qdrant-a-0").terminated().getLog())
                .isEqualTo("panicked\n");
    }

    @Test
    void missingPodIsNotFound() {
        assertThatThrownBy(() -> fixture.client().pods().inNamespace(NS).withName("qdrant-a-9").getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void unknownContainerIsABadRequest() {
        assertThatThrownBy(() -> fixture.client().pods().inNamespace(NS).withName("qdrant-a-0").inContainer("sidecar")
                .getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("container sidecar is not valid for pod qdrant-a-0");
                });
    }

    @Test
    void invalidOptionsAreRejectedAsPodLogOptionsValidationDoes() {
        ApiException negative = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> PodLogOptions.parse("p", Map.of("tailLines", "-1"), Instant.now()));
        assertThat(negative.code()).isEqualTo(422);
        assertThat(negative.getMessage()).contains("tailLines: Invalid value: -1: must be greater than or equal to 0");
        ApiException both = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> PodLogOptions.parse("p", Map.of("sinceSeconds", "5", "sinceTime", "2026-01-01T10:00:00Z"), Instant.now()));
        assertThat(both.getMessage()).contains("at most one of `sinceTime` or `sinceSeconds` may be specified");
        ApiException follow = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> PodLogOptions.parse("p", Map.of("follow", "true"), Instant.now()));
        assertThat(follow.code()).isEqualTo(400);
    }

    @Test
    void cuttingBytesNeverSplitsACharacter() {
        assertThat(PodLogOptions.cutAfterBytes("é-é", 2)).isEqualTo("é");
        assertThat(PodLogOptions.cutAfterBytes("é-é", 1)).isEmpty();
    }

    @Test
    void readingLogsNeedsGetOnPodsLogNotJustOnPods() {
        KubernetesClient admin = fixture.client();
        admin.serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata().withName("agent")
                .endMetadata().build()).create();
        admin.rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName("pods").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("get", "list").build())
                .build()).create();
        admin.rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder().withNewMetadata().withName("pods")
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "pods").addNewSubject()
                .withKind("ServiceAccount").withName("agent").withNamespace(NS).endSubject().build()).create();
        KubernetesClient agent = fixture.server().newClientAs(NS, "agent");
        assertThatThrownBy(() -> agent.pods().inNamespace(NS).withName("qdrant-a-0").getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("pods \"qdrant-a-0\" is forbidden");
                });
        admin.rbac().roles().inNamespace(NS).withName("pods").edit(role -> {
            role.getRules().add(new PolicyRuleBuilder().withApiGroups("").withResources("pods/log").withVerbs("get").build());
            return role;
        });
        assertThat(agent.pods().inNamespace(NS).withName("qdrant-a-0").getLog()).startsWith("line one");
    }
}
