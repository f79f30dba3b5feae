package io.qdranthybrid.harness.kube.controllers.machinery;

import io.qdranthybrid.harness.kube.SimulatedApiServer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quiet point of simulated controllers, for a test that expects no reaction to a change: wait for it, then
 * assert nothing happened. Waiting for a time instead proves nothing on a slow machine and wastes it on a fast one.
 */
public final class ControllersSettled {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ControllersSettled() {
    }

    /**
     * Waits until the controllers have acted on every write to the resources they watch and no write followed:
     * whatever they would do about the state written so far is done (retries they scheduled for later aside).
     */
    public static void await(SimulatedApiServer api, InformerController... controllers) {
        List<InformerController> all = Arrays.asList(controllers);
        Set<String> watched = watchedBy(all);
        Awaitility.await("controllers " + names(all) + " settled").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    Map<String, Long> marks = api.lastWrites(watched);
                    return all.stream().allMatch(c -> c.hasActedOn(marks)) && api.lastWrites(watched).equals(marks);
                });
    }

    /**
     * Waits until the controllers have been handed every write made so far to the resources they watch, whether
     * or not they acted on it: a paused controller has then queued all it would do once resumed.
     */
    public static void awaitSeen(SimulatedApiServer api, InformerController... controllers) {
        List<InformerController> all = Arrays.asList(controllers);
        Map<String, Long> marks = api.lastWrites(watchedBy(all));
        Awaitility.await("controllers " + names(all) + " saw every write").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(20)).until(() -> all.stream().allMatch(c -> c.hasSeen(marks)));
    }

    private static Set<String> watchedBy(List<InformerController> controllers) {
        Set<String> watched = new HashSet<>();
        controllers.forEach(c -> watched.addAll(c.watchedResources()));
        return watched;
    }

    private static List<String> names(List<InformerController> controllers) {
        return controllers.stream().map(InformerController::name).toList();
    }
}
