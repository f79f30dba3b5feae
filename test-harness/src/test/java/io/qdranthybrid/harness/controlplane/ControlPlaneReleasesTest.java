package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.release.Release;
import io.qdranthybrid.platform.release.ReleaseCatalogue;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qdranthybrid.harness.controlplane.RestCalls.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The release catalogue as the control plane applies it: published on bootstrap, checked on every version asked. */
class ControlPlaneReleasesTest {

    private SimulatedControlPlane controlPlane;
    private String environmentId;
    private final RestCalls rest = new RestCalls();

    @BeforeEach
    void start() {
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast());
        environmentId = controlPlane.environments().create("releases", "qdrant").id();
    }

    @AfterEach
    void stop() {
        controlPlane.close();
    }

    @Test
    void catalogueIsPublishedOnBootstrapAndFollowsItsReplacement() {
        assertThat(releaseNames()).as("nothing before bootstrap: the namespace may still move").isEmpty();

        controlPlane.environments().issueAccessKey(environmentId);
        assertThat(releaseNames()).hasSize(SimulatedReleaseCatalogue.seed().releases().size())
                .contains("v1.12.3", SimulatedReleaseCatalogue.DEFAULT_VERSION, SimulatedReleaseCatalogue.UNAVAILABLE_VERSION);

        controlPlane.releases().replace(new ReleaseCatalogue(List.of(Release.of("v1.12.3"),
                Release.of("v1.13.6").asDefault())));
        assertThat(releaseNames()).containsExactlyInAnyOrder("v1.12.3", "v1.13.6");
        assertThat(store().get(store().key(ResourceKind.QDRANT_RELEASE, "v1.13.6")).orElseThrow()
                .manifestIfPresent().orElseThrow().path("spec").path("default").asBoolean()).isTrue();
    }

    @Test
    void anEnvironmentHoldingOnlyTheCatalogueIsDeletedAsOneWithNothing() {
        controlPlane.environments().issueAccessKey(environmentId);

        controlPlane.environments().delete(environmentId);

        assertThat(controlPlane.environments().list()).isEmpty();
    }

    @Test
    void endOfLifeVersionsRunButAreMarkedAndOfferTheNextStep() {
        ClusterView old = controlPlane.clusters().create(environmentId, NewCluster.of("legacy", 1, "v1.11.5"));

        assertThat(old.endOfLife()).isTrue();
        assertThat(old.nextUpgrade()).isEqualTo("v1.12.6");
        assertThat(controlPlane.clusters().create(environmentId, NewCluster.of("current", 1, "v1.16.2")).nextUpgrade())
                .as("the newest available release has no next step").isEmpty();
    }

    @Test
    void upgradesAreCheckedAgainstTheCatalogue() {
        controlPlane.clusters().create(environmentId, NewCluster.of("orders", 1, "v1.15.5"));

        assertThatThrownBy(() -> controlPlane.clusters().changeVersion(environmentId, "orders",
                SimulatedReleaseCatalogue.UNAVAILABLE_VERSION))
                .isInstanceOf(UnprocessableRequestException.class).hasMessageContaining("is unavailable");
        assertThatThrownBy(() -> controlPlane.clusters().changeVersion(environmentId, "orders", "v1.15.9"))
                .isInstanceOf(UnprocessableRequestException.class).hasMessageContaining("not a released Qdrant version");
        assertThat(controlPlane.clusters().changeVersion(environmentId, "orders", "v1.16.2").version())
                .isEqualTo("v1.16.2");
    }

    @Test
    void upgradePathAnswersOverHttpAndRefusesWhatTheCatalogueDoesNotOffer() {
        controlPlane.clusters().create(environmentId, NewCluster.of("orders", 1, "v1.12.3"));
        String path = controlPlane.consoleUrl() + "api/v1/hybrid-cloud-environments/" + environmentId
                + "/clusters/orders/upgrade-path";

        RestCalls.Answer answer = rest.call("GET", path + "?to=v1.15.5", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("steps").findValuesAsText("version"))
                .containsExactly("v1.13.6", "v1.14.1", "v1.15.5");
        assertError(rest.call("GET", path + "?to=v9.9.9", null), 422, "v9.9.9 is not a released Qdrant version");
        assertError(rest.call("GET", path, null), 400, "query parameter 'to' is required");
        assertThat(rest.call("GET", controlPlane.consoleUrl() + "api/v1/releases", null).body().path("items")
                .findValuesAsText("version")).hasSize(SimulatedReleaseCatalogue.seed().releases().size());
    }

    private List<String> releaseNames() {
        return store().keys().stream().filter(k -> k.kind() == ResourceKind.QDRANT_RELEASE).map(ResourceKey::name).toList();
    }

    private DesiredStateStore store() {
        return controlPlane.context().desired(environmentId);
    }
}
