package io.qdranthybrid.crd.validation;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.qdranthybrid.crd.AdditionalVolumeClaimTemplate;
import io.qdranthybrid.crd.Gpu;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.ResourceRequests;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.crd.Storage;
import io.qdranthybrid.crd.VolumeClaimTemplateMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantClusterValidatorTest {

    private final QdrantClusterValidator validator = new QdrantClusterValidator();

    @Test
    void aCompleteSpecHasNoViolations() {
        assertThat(validator.validate(spec("v1.12.3", "50Gi"))).isEmpty();
    }

    @Test
    void missingRequiredFieldsAreAllReportedAtOnce() {
        assertThat(validator.validate(new QdrantClusterSpec())).extracting(Violation::field)
                .containsExactlyInAnyOrder("spec.id", "spec.version", "spec.size");
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("spec");
    }

    @Test
    void sizeOutsideOneToHundredIsRejectedWithTheBound() {
        QdrantClusterSpec spec = spec("v1.12.3", "50Gi");
        spec.setSize(0);
        assertThat(validator.validate(spec)).containsExactly(
                new Violation("spec.size", "size 0 is below the minimum 1"));

        spec.setSize(101);
        assertThat(validator.validate(spec)).containsExactly(
                new Violation("spec.size", "size 101 is above the maximum 100"));
    }

    @Test
    void idMustNameKubernetesObjects() {
        QdrantClusterSpec spec = spec("v1.12.3", "50Gi");
        spec.setId("My_Cluster");
        assertThat(validator.validate(spec)).extracting(Violation::field).containsExactly("spec.id");

        spec.setId("a".repeat(QdrantClusterValidator.MAX_ID_LENGTH + 1));
        assertThat(validator.validate(spec)).singleElement().satisfies(v -> assertThat(v.message()).contains("63"));

        spec.setId("a7d8d973-0b8f-4e3e-a2a2-25c6a4dc2b2c");
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void quantitiesThatDoNotParseNameTheFieldAndAnExample() {
        QdrantClusterSpec spec = spec("v1.12.3", "50GB");
        spec.getResources().setCpu("two");
        spec.getResources().setRequests(new ResourceRequests());
        spec.getResources().getRequests().setMemory("lots");

        assertThat(validator.validate(spec)).containsExactlyInAnyOrder(
                new Violation("spec.resources.cpu", "'two' is not a Kubernetes quantity, e.g. 500m or 2"),
                new Violation("spec.resources.storage", "'50GB' is not a Kubernetes quantity, e.g. 50Gi"),
                new Violation("spec.resources.requests.memory", "'lots' is not a Kubernetes quantity, e.g. 8Gi"));
    }

    @Test
    void exaStorageIsAcceptedAndAHugeExponentIsAViolationNeverAnException() {
        assertThat(validator.validate(spec("v1.12.3", "1E"))).isEmpty();
        assertThat(validator.validateUpdate(spec("v1.12.3", "1Ei"), spec("v1.12.3", "1E"))).containsExactly(
                new Violation("spec.resources.storage", "cannot shrink from 1Ei to 1E: volumes can only grow"));

        assertThat(validator.validate(spec("v1.12.3", "1e99999999999"))).containsExactly(new Violation(
                "spec.resources.storage", "'1e99999999999' is not a Kubernetes quantity, e.g. 50Gi"));
        assertThat(validator.validateUpdate(spec("v1.12.3", "50Gi"), spec("v1.12.3", "1e2147483647")))
                .extracting(Violation::field).containsExactly("spec.resources.storage");
    }

    @Test
    void zeroQuantityAndRequestAboveLimitAreRejected() {
        QdrantClusterSpec spec = spec("v1.12.3", "0");
        spec.getResources().setRequests(new ResourceRequests());
        spec.getResources().getRequests().setCpu("3");

        assertThat(validator.validate(spec)).extracting(Violation::field)
                .containsExactlyInAnyOrder("spec.resources.storage", "spec.resources.requests.cpu");
    }

    @Test
    void versionMustBeVxyz() {
        assertThat(validator.validate(spec("1.12.3", "50Gi"))).containsExactly(
                new Violation("spec.version", "'1.12.3' is not of the form vX.Y.Z, e.g. v1.12.3"));
        assertThat(validator.validate(spec("latest", "50Gi"))).extracting(Violation::field).containsExactly("spec.version");
    }

    @Test
    void storageMayGrowButNeverShrink() {
        assertThat(validator.validateUpdate(spec("v1.12.3", "50Gi"), spec("v1.12.3", "100Gi"))).isEmpty();
        assertThat(validator.validateUpdate(spec("v1.12.3", "50Gi"), spec("v1.12.3", "50Gi"))).isEmpty();

        assertThat(validator.validateUpdate(spec("v1.12.3", "50Gi"), spec("v1.12.3", "20Gi"))).containsExactly(
                new Violation("spec.resources.storage", "cannot shrink from 50Gi to 20Gi: volumes can only grow"));
        // Units differ but sizes are compared, not strings.
        assertThat(validator.validateUpdate(spec("v1.12.3", "1Gi"), spec("v1.12.3", "1000Mi"))).hasSize(1);
    }

    @Test
    void versionChangeMustNotSkipAMinorVersion() {
        assertThat(validator.validateUpdate(spec("v1.11.3", "50Gi"), spec("v1.11.5", "50Gi"))).isEmpty();
        assertThat(validator.validateUpdate(spec("v1.11.3", "50Gi"), spec("v1.12.6", "50Gi"))).isEmpty();

        assertThat(validator.validateUpdate(spec("v1.11.3", "50Gi"), spec("v1.13.0", "50Gi"))).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("spec.version");
                    assertThat(v.message()).contains("v1.11.3", "v1.13.0", "upgrade to a v1.12.x release first");
                });
        assertThat(validator.validateUpdate(spec("v1.11.3", "50Gi"), spec("v2.0.0", "50Gi"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("major version"));
    }

    @Test
    void aPatchDowngradeIsAllowedADowngradeAcrossMinorsIsNot() {
        assertThat(validator.validateUpdate(spec("v1.12.6", "50Gi"), spec("v1.12.3", "50Gi"))).isEmpty();

        assertThat(validator.validateUpdate(spec("v1.13.0", "50Gi"), spec("v1.12.9", "50Gi"))).containsExactly(
                new Violation("spec.version", "downgrading from v1.13.0 to v1.12.9 is not supported: Qdrant storage"
                        + " is not backward compatible, so data written by v1.13.0 may not load on v1.12.9;"
                        + " stay on v1.13.x or restore a backup taken on v1.12.x"));
        assertThat(validator.validateUpdate(spec("v1.13.0", "50Gi"), spec("v1.11.0", "50Gi"))).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("downgrading from v1.13.0 to v1.11.0"));
        assertThat(validator.validateUpdate(spec("v2.0.1", "50Gi"), spec("v1.13.4", "50Gi"))).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("downgrading from v2.0.1 to v1.13.4"));
    }

    @Test
    void iopsAndThroughputGoTogether() {
        QdrantClusterSpec spec = spec("v1.12.3", "50Gi");
        spec.setStorage(new Storage());
        spec.getStorage().setIops(3000);
        assertThat(validator.validate(spec)).containsExactly(
                new Violation("spec.storage.throughput", "is required when spec.storage.iops is set"));

        spec.getStorage().setIops(null);
        spec.getStorage().setThroughput(125);
        assertThat(validator.validate(spec)).containsExactly(
                new Violation("spec.storage.iops", "is required when spec.storage.throughput is set"));

        spec.getStorage().setIops(3000);
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void volumeAttributesClassCannotBeCombinedWithIops() {
        QdrantClusterSpec spec = spec("v1.12.3", "50Gi");
        spec.setStorage(new Storage());
        spec.getStorage().setVolumeAttributesClassName("gp3-fast");
        assertThat(validator.validate(spec)).isEmpty();

        spec.getStorage().setIops(3000);
        spec.getStorage().setThroughput(125);
        assertThat(validator.validate(spec)).extracting(Violation::field)
                .containsExactly("spec.storage.volumeAttributesClassName");
    }

    @Test
    void anAdditionalClaimTemplateNeedsANameThoughTheCrdAcceptsNone() {
        QdrantClusterSpec spec = spec("v1.12.3", "50Gi");
        spec.setStorage(new Storage());
        AdditionalVolumeClaimTemplate unnamed = new AdditionalVolumeClaimTemplate();
        unnamed.setMetadata(new VolumeClaimTemplateMetadata());
        spec.getStorage().setAdditionalVolumeClaimTemplates(List.of(unnamed));

        assertThat(validator.validate(spec)).extracting(Violation::field)
                .containsExactly("spec.storage.additionalVolumeClaimTemplates[0].metadata.name");

        unnamed.getMetadata().setName("scratch");
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void gpuNeedsAType() {
        QdrantClusterSpec spec = spec("v1.12.3", "50Gi");
        spec.setGpu(new Gpu());
        assertThat(validator.validate(spec)).extracting(Violation::field).containsExactly("spec.gpu.gpuType");
    }

    @Test
    void aGpuTypeThisVersionDoesNotKnowIsNamedInTheViolation() {
        QdrantClusterSpec spec = Serialization.unmarshal(
                "{\"id\":\"prod-1\",\"version\":\"v1.12.3\",\"size\":3,\"gpu\":{\"gpuType\":\"intel\"}}",
                QdrantClusterSpec.class);

        assertThat(validator.validate(spec)).containsExactly(new Violation("spec.gpu.gpuType",
                "'intel' is not a GPU type this operator supports (nvidia or amd)"));
    }

    private static QdrantClusterSpec spec(String version, String storage) {
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId("prod-1");
        spec.setVersion(version);
        spec.setSize(3);
        Resources resources = new Resources();
        resources.setCpu("2");
        resources.setMemory("8Gi");
        resources.setStorage(storage);
        spec.setResources(resources);
        return spec;
    }
}
