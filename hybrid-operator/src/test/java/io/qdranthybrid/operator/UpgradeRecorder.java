package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.qdranthybrid.harness.qdrant.SimulatedQdrant;
import io.qdranthybrid.qdrant.ClusterInfo;
import io.qdranthybrid.qdrant.QdrantClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records an upgrade as it runs, from a cluster's pods: the images every pod was Ready on at the same moment, and,
 * each time a pod turns Ready, what its Qdrant node answers over REST right then (version, consensus, points).
 * The node is asked at once because the operator moves on to the next step as soon as the rollout completes.
 */
final class UpgradeRecorder implements ResourceEventHandler<Pod> {

    /** What the node on {@code pod} reported when the pod turned Ready on {@code image}. */
    record NodeAtReady(String pod, String image, String version, int peers, boolean leaderKnown, long points) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final SimulatedQdrant qdrant;
    private final String namespace;
    private final int size;
    private final String collection;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    /** pod name -> the uid and image of its current incarnation and whether it is Ready */
    private final Map<String, PodState> pods = new ConcurrentHashMap<>();
    private final List<String> imagesAllReady = new ArrayList<>();
    private final List<NodeAtReady> nodes = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();

    private record PodState(String uid, String image, boolean ready) {
    }

    UpgradeRecorder(SimulatedQdrant qdrant, String namespace, int size, String collection) {
        this.qdrant = qdrant;
        this.namespace = namespace;
        this.size = size;
        this.collection = collection;
    }

    @Override
    public void onAdd(Pod pod) {
        update(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        update(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean unknown) {
        pods.remove(pod.getMetadata().getName());
    }

    /** Each image on which every pod was Ready together, in the order it happened. */
    synchronized List<String> imagesAllReady() {
        return List.copyOf(imagesAllReady);
    }

    /** The nodes' answers as their pods turned Ready on {@code image}. */
    synchronized List<NodeAtReady> nodesReadyOn(String image) {
        return nodes.stream().filter(n -> n.image().equals(image)).toList();
    }

    /** Nodes that did not answer right after their pod turned Ready, with why. */
    synchronized List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    private synchronized void update(Pod pod) {
        String name = pod.getMetadata().getName();
        String image = pod.getSpec().getContainers().get(0).getImage();
        boolean ready = pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        PodState before = pods.put(name, new PodState(pod.getMetadata().getUid(), image, ready));
        boolean turnedReady = ready && (before == null || !before.ready() || !before.uid().equals(pod.getMetadata().getUid()));
        if (!turnedReady) {
            return;
        }
        askNode(name, image);
        boolean allReadyOnImage = pods.size() == size
                && pods.values().stream().allMatch(p -> p.ready() && p.image().equals(image));
        if (allReadyOnImage && (imagesAllReady.isEmpty() || !imagesAllReady.get(imagesAllReady.size() - 1).equals(image))) {
            imagesAllReady.add(image);
        }
    }

    private void askNode(String pod, String image) {
        URI endpoint = qdrant.endpoint(namespace, pod).orElse(null);
        if (endpoint == null) {
            unanswered.add(pod + " on " + image + ": no endpoint");
            return;
        }
        try {
            QdrantClient client = new QdrantClient(endpoint, null, http, TIMEOUT);
            ClusterInfo consensus = client.cluster();
            nodes.add(new NodeAtReady(pod, image, client.version(), consensus.peers().size(),
                    consensus.leaderPeer().isPresent(), count(endpoint)));
        } catch (RuntimeException | IOException e) {
            unanswered.add(pod + " on " + image + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unanswered.add(pod + " on " + image + ": interrupted");
        }
    }

    /** Points in the collection as the node counts them for the whole cluster ({@code POST points/count}). */
    private long count(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        endpoint.resolve("/collections/" + collection + "/points/count"))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"exact\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher count = COUNT.matcher(response.body());
        if (response.statusCode() != 200 || !count.find()) {
            throw new IOException("points/count answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(count.group(1));
    }
}
