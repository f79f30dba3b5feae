package io.qdranthybrid.harness.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerLaunchTest {

    @Test
    void launchIsNotChangedByLaterEditsOfTheMapsItWasBuiltFrom() {
        Map<String, String> env = new HashMap<>(Map.of("QDRANT__SERVICE__API_KEY", "k1"));
        ContainerLaunch launch = new ContainerLaunch("ns", "qdrant-a-0", "uid", Map.of(), "qdrant/qdrant:v1.12.3",
                List.of(), env, Map.of(), Map.of("/qdrant/storage", "pv-1"), 0);

        env.put("QDRANT__SERVICE__API_KEY", "k2");

        assertThat(launch.env()).containsEntry("QDRANT__SERVICE__API_KEY", "k1");
    }
}
