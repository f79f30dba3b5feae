package io.qdranthybrid.harness.kube.controllers;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;

/** The quiet point the controllers' tests wait for instead of waiting for time. */
class ControllersSettledTest {

    private SimulatedControllerTestCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = new SimulatedControllerTestCluster();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aControllerKnowsTheResourcesItWatchesByTheirStoreNames() {
        assertThat(cluster.statefulSets.watchedResources())
                .contains("pods", "statefulsets.apps", "controllerrevisions.apps");
    }

    @Test
    void onceSettledTheReactionToTheLastWriteHasHappened() {
        cluster.create(statefulSet("web", 1).build());

        ControllersSettled.await(cluster.api, cluster.statefulSets);

        // No wait here: the controller creates the first pod as soon as it handles the new StatefulSet.
        assertThat(cluster.pod("web-0")).as("the pod the StatefulSet controller creates").isNotNull();
    }

    @Test
    void aPausedControllerSeesTheWriteButHasNotActedOnItUntilResumed() {
        cluster.statefulSets.pause();
        cluster.create(statefulSet("web", 1).build());

        ControllersSettled.awaitSeen(cluster.api, cluster.statefulSets);

        var marks = cluster.api.lastWrites(cluster.statefulSets.watchedResources());
        assertThat(marks.get("statefulsets.apps")).as("the StatefulSet's write").isPositive();
        assertThat(cluster.statefulSets.hasSeen(marks)).isTrue();
        assertThat(cluster.statefulSets.hasActedOn(marks)).as("acted while paused").isFalse();
        assertThat(cluster.pod("web-0")).isNull();

        cluster.statefulSets.resume();
        ControllersSettled.await(cluster.api, cluster.statefulSets);
        assertThat(cluster.pod("web-0")).isNotNull();
    }
}
