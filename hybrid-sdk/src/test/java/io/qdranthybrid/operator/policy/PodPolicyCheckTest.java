package io.qdranthybrid.operator.policy;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.qdranthybrid.crd.KubernetesPod;
import io.qdranthybrid.crd.KubernetesService;
import io.qdranthybrid.crd.KubernetesStatefulSet;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.QdrantImage;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.crd.QdrantSecurityContext;
import io.qdranthybrid.crd.ServiceConfig;
import io.qdranthybrid.crd.Storage;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PodPolicyCheckTest {

    private static final String OPERATOR_REPOSITORY = "qdrant/qdrant";

    /** The attack of issue 15: a QdrantCluster asking for root, the node's filesystem and the agent's key. */
    static QdrantClusterSpec hostileSpec() {
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId("evil");
        spec.setSize(1);
        spec.setVersion("v1.12.3");
        QdrantImage image = new QdrantImage();
        image.setRepository("attacker.example/qdrant");
        spec.setImage(image);
        QdrantSecurityContext security = new QdrantSecurityContext();
        security.setUser(0L);
        spec.setSecurity(security);
        Storage storage = new Storage();
        storage.setAdditionalVolumes(List.of(new VolumeBuilder().withName("host").withNewHostPath("/", null).build()));
        spec.setStorage(storage);
        KubernetesPod pods = new KubernetesPod();
        pods.setExtraEnv(List.of(new EnvVarBuilder().withName("KEY").withNewValueFrom().withNewSecretKeyRef()
                .withName("qdrant-cloud-creds").withKey("access-key").endSecretKeyRef().endValueFrom().build()));
        KubernetesStatefulSet statefulSet = new KubernetesStatefulSet();
        statefulSet.setPods(pods);
        spec.setStatefulSet(statefulSet);
        KubernetesService service = new KubernetesService();
        service.setAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-internal", "true",
                "evil.example/hook", "x"));
        spec.setService(service);
        return spec;
    }

    @Test
    void aPlainSpecIsAllowed() {
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId("ok");
        assertThat(PodPolicyCheck.violations(spec, PodPolicy.DEFAULT, OPERATOR_REPOSITORY)).isEmpty();
    }

    @Test
    void eachHostileFieldIsRefusedWithTheSettingThatWouldAllowIt() {
        List<PolicyViolation> violations = PodPolicyCheck.violations(hostileSpec(), PodPolicy.DEFAULT, OPERATOR_REPOSITORY);

        assertThat(violations).extracting(PolicyViolation::field, PolicyViolation::setting).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.image.repository",
                        "qdrant.operator.policy.allowed-image-repositories"),
                org.assertj.core.groups.Tuple.tuple("spec.security.user", "qdrant.operator.policy.allow-root-user"),
                org.assertj.core.groups.Tuple.tuple("spec.storage.additionalVolumes[0].hostPath",
                        "qdrant.operator.policy.allowed-volume-types"),
                org.assertj.core.groups.Tuple.tuple("spec.statefulSet.pods.extraEnv[0].valueFrom.secretKeyRef.name",
                        "qdrant.operator.policy.protected-secrets"),
                org.assertj.core.groups.Tuple.tuple("spec.service.annotations['evil.example/hook']",
                        "qdrant.operator.policy.service-annotations"));
        assertThat(violations.get(3).message()).contains("belongs to the agent or the operator");
    }

    @Test
    void aPolicyThatAllowsThemLetsThemThroughExceptTheProtectedSecret() {
        PodPolicy permissive = new PodPolicy(List.of("attacker.example/"), true,
                Set.of("hostPath", "emptyDir"), Pattern.compile(".*"), PodPolicy.DEFAULT_PROTECTED_SECRETS,
                List.of("service.beta.kubernetes.io/", "evil.example/hook"), List.of());

        assertThat(PodPolicyCheck.violations(hostileSpec(), permissive, OPERATOR_REPOSITORY))
                .extracting(PolicyViolation::field)
                .containsExactly("spec.statefulSet.pods.extraEnv[0].valueFrom.secretKeyRef.name");
    }

    @Test
    void secretReferencesMustMatchThePatternWhereverTheyAre() {
        QdrantClusterSpec spec = new QdrantClusterSpec();
        QdrantConfiguration config = new QdrantConfiguration();
        ServiceConfig service = new ServiceConfig();
        QdrantSecretKeyRef apiKey = new QdrantSecretKeyRef();
        apiKey.setSecretKeyRef(new SecretKeySelector("api-key", "kube-system-token", false));
        service.setApiKey(apiKey);
        QdrantSecretKeyRef readOnly = new QdrantSecretKeyRef();
        readOnly.setSecretKeyRef(new SecretKeySelector("api-key", "qdrant-orders-read-only", false));
        service.setReadOnlyApiKey(readOnly);
        config.setService(service);
        spec.setConfig(config);
        Storage storage = new Storage();
        storage.setAdditionalVolumes(List.of(new VolumeBuilder().withName("s").withNewSecret()
                .withSecretName("default-token").endSecret().build()));
        spec.setStorage(storage);

        assertThat(PodPolicyCheck.violations(spec, PodPolicy.DEFAULT, OPERATOR_REPOSITORY))
                .extracting(PolicyViolation::field).containsExactly(
                        "spec.storage.additionalVolumes[0].secret.secretName",
                        "spec.config.service.apiKey.secretKeyRef.name");
    }

    @Test
    void theOperatorsOwnRepositoryIsAllowedByDefaultAndAPrefixAllowsOnlyWhatIsUnderIt() {
        QdrantClusterSpec spec = new QdrantClusterSpec();
        QdrantImage image = new QdrantImage();
        spec.setImage(image);
        image.setRepository("qdrant/qdrant");
        assertThat(PodPolicyCheck.violations(spec, PodPolicy.DEFAULT, OPERATOR_REPOSITORY)).isEmpty();
        PodPolicy mirror = new PodPolicy(List.of("registry.corp.example/qdrant/"), false, PodPolicy.SAFE_VOLUME_TYPES,
                Pattern.compile("qdrant-.*"), Set.of(), List.of(), List.of());
        image.setRepository("registry.corp.example/qdrant/qdrant");
        assertThat(PodPolicyCheck.violations(spec, mirror, OPERATOR_REPOSITORY)).isEmpty();
        for (String other : new String[] {"registry.corp.example/qdrant-evil/qdrant", "registry.corp.example/qdrant/../x",
                "qdrant/qdrant"}) {
            image.setRepository(other);
            assertThat(PodPolicyCheck.violations(spec, mirror, OPERATOR_REPOSITORY)).as(other).hasSize(1);
        }
    }
}
