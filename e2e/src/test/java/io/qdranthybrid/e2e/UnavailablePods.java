package io.qdranthybrid.e2e;

import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.operator.cluster.ClusterNames;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How many of a cluster's pods were unavailable at the same time, replayed from the timeline's pod events (created,
 * readiness, deleted) in the order the cluster's watch delivered them. A pod is unavailable from the moment it stops
 * being Ready, through its deletion and re-creation, until it is Ready again.
 */
final class UnavailablePods {

    private UnavailablePods() {
    }

    /** The most pods of {@code nodes} not Ready at once at any event from {@code since} on. */
    static int mostAtOnce(Timeline timeline, String clusterId, int nodes, Instant since) {
        ClusterNames names = new ClusterNames(clusterId);
        Set<String> pods = IntStream.range(0, nodes).mapToObj(i -> "Pod/" + names.pod(i)).collect(Collectors.toSet());
        Set<String> ready = new HashSet<>();
        int most = 0;
        for (TimelineEvent event : timeline.events(TimelineSource.POD)) {
            if (!pods.contains(event.subject())) {
                continue;
            }
            boolean nowReady = !event.event().equals("deleted") && event.detail().equals("Ready");
            if (nowReady) {
                ready.add(event.subject());
            } else {
                ready.remove(event.subject());
            }
            if (!event.at().isBefore(since)) {
                most = Math.max(most, nodes - ready.size());
            }
        }
        return most;
    }
}
