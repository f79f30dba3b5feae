package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad requests to the Java API are refused with an error that names the problem; nothing is stored. */
class ControlPlaneRequestsTest {

    private SimulatedControlPlane controlPlane;
    private String environmentId;

    @BeforeEach
    void start() {
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast());
        environmentId = controlPlane.environments().create("requests", "qdrant").id();
        controlPlane.clusters().create(environmentId, NewCluster.of("orders", 3, "v1.12.3"));
    }

    @AfterEach
    void stop() {
        controlPlane.close();
    }

    @Test
    void unknownEnvironmentOrClusterIsNotFound() {
        assertThatThrownBy(() -> controlPlane.environments().get("nope"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> controlPlane.clusters().create("nope", NewCluster.of("c1", 1, "v1.12.3")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no hybrid cloud environment with id nope");
        assertThatThrownBy(() -> controlPlane.clusters().scale(environmentId, "missing", 3))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no cluster missing");
        assertThatThrownBy(() -> controlPlane.backups().takeBackup(environmentId, "missing"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> controlPlane.backups().restore(environmentId, "no-such-backup", "orders", false))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no backup no-such-backup");
    }

    @Test
    void aBackupIsRestoredInPlaceOnlyIntoTheClusterItWasTakenOf() {
        controlPlane.clusters().create(environmentId, NewCluster.of("ledger", 1, "v1.12.3"));
        String backup = controlPlane.backups().takeBackup(environmentId, "orders").name();

        assertThatThrownBy(() -> controlPlane.backups().restore(environmentId, backup, "ledger", false))
                .isInstanceOf(InvalidRequestException.class).hasMessage("backup " + backup
                        + " is of cluster orders, not of ledger; restore it into orders, or into a new cluster");
        assertThat(controlPlane.backups().listRestores(environmentId)).isEmpty();
        assertThat(controlPlane.backups().restore(environmentId, backup, "orders", false).name()).startsWith("orders-");
    }

    @Test
    void sizeOutOfRangeIsRefused() {
        assertThatThrownBy(() -> controlPlane.clusters().scale(environmentId, "orders", 0))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("size 0 is below the minimum 1");
        assertThatThrownBy(() -> controlPlane.clusters().create(environmentId, NewCluster.of("big", 101, "v1.12.3")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("size 101 is above the maximum 100");
        assertThat(controlPlane.clusters().get(environmentId, "orders").nodes()).isEqualTo(3);
        assertThat(controlPlane.clusters().list(environmentId)).hasSize(1);
    }

    @Test
    void malformedOrSkippingVersionIsRefused() {
        assertThatThrownBy(() -> controlPlane.clusters().changeVersion(environmentId, "orders", "1.13"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is not of the form vX.Y.Z");
        assertThatThrownBy(() -> controlPlane.clusters().changeVersion(environmentId, "orders", "v1.14.0"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("skips a minor version");
        assertThat(controlPlane.clusters().get(environmentId, "orders").version()).isEqualTo("v1.12.3");
    }

    @Test
    void otherBadInputIsRefused() {
        assertThatThrownBy(() -> controlPlane.clusters().create(environmentId, NewCluster.of("Not_A_Name", 1, "v1.12.3")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("id: 'Not_A_Name'");
        assertThatThrownBy(() -> controlPlane.clusters().create(environmentId, NewCluster.of("orders", 1, "v1.12.3")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already has a cluster orders");
        assertThatThrownBy(() -> controlPlane.clusters().changeResources(environmentId, "orders", null, null, "5Gi"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot shrink");
        assertThatThrownBy(() -> controlPlane.clusters().changeConfig(environmentId, "orders",
                JsonNodeFactory.instance.arrayNode()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> controlPlane.backups().createSchedule(environmentId, "orders", "every day", 24))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("schedule 'every day'");
        assertThatThrownBy(() -> controlPlane.backups().createSchedule(environmentId, "orders", "@midnight", 24))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("schedule '@midnight': not accepted by the QdrantClusterScheduledSnapshot CRD");
        assertThatThrownBy(() -> controlPlane.environments().create("bad name!", "qdrant"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("environment name");
        assertThatThrownBy(() -> controlPlane.environments().create("ok", "Not_A_Namespace"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("DNS-1123");
        assertThatThrownBy(() -> controlPlane.environments().delete(environmentId))
                .isInstanceOf(ConflictException.class).hasMessageContaining("delete them first");
    }

    @Test
    void environmentWithoutClustersIsDeletedAndItsKeyNoLongerWorks() {
        controlPlane.clusters().delete(environmentId, "orders");
        controlPlane.environments().delete(environmentId);
        assertThat(controlPlane.environments().list()).isEmpty();
        assertThatThrownBy(() -> controlPlane.environments().issueAccessKey(environmentId))
                .isInstanceOf(NotFoundException.class);
    }
}
