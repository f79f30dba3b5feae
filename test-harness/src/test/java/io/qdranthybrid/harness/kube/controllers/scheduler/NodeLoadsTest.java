package io.qdranthybrid.harness.kube.controllers.scheduler;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLoadsTest {

    private static NodeFit.Resources cpu(String cores) {
        return new NodeFit.Resources(new BigDecimal(cores), BigDecimal.valueOf(1024));
    }

    @Test
    void totalsFollowPodsPlacedMovedAndRemoved() {
        NodeLoads loads = new NodeLoads();

        loads.place("ns/a", "node-1", () -> cpu("0.5"));
        loads.place("ns/b", "node-1", () -> cpu("1.5"));
        loads.place("ns/c", "node-2", () -> cpu("1"));

        assertThat(loads.of("node-1").pods()).isEqualTo(2);
        assertThat(loads.of("node-1").cpu()).isEqualByComparingTo("2.0");
        assertThat(loads.of("node-1").memory()).isEqualByComparingTo("2048");

        loads.place("ns/b", "node-2", () -> cpu("1.5")); // a pod of that name now on another node
        loads.remove("ns/a");
        loads.remove("ns/unknown");

        assertThat(loads.of("node-1")).isEqualTo(NodeFit.NodeLoad.EMPTY);
        assertThat(loads.of("node-2").pods()).isEqualTo(2);
        assertThat(loads.of("node-2").cpu()).isEqualByComparingTo("2.5");
    }

    @Test
    void anotherEventOfAPlacedPodDoesNotCountItTwiceOrParseItAgain() {
        NodeLoads loads = new NodeLoads();
        loads.place("ns/a", "node-1", () -> cpu("1"));

        loads.place("ns/a", "node-1", () -> {
            throw new AssertionError("requests parsed again");
        });

        assertThat(loads.of("node-1").pods()).isEqualTo(1);
    }
}
