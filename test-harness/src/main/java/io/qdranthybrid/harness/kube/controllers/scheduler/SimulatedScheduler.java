package io.qdranthybrid.harness.kube.controllers.scheduler;

import io.qdranthybrid.harness.kube.controllers.machinery.ByName;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.InformerController;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import io.qdranthybrid.harness.kube.controllers.machinery.Timestamps;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The default scheduler, simulated: binds each pending pod to the least-loaded node that passes the
 * filters of {@link NodeFit} (nodeSelector, required node affinity, NoSchedule/NoExecute taints,
 * pods/cpu/memory allocatable), and marks a pod that fits nowhere PodScheduled=False/Unschedulable
 * with the real scheduler's message, retrying it when nodes or pods change.
 */
public final class SimulatedScheduler extends InformerController {

    /** kube-scheduler's user, bound to ClusterRole system:kube-scheduler (bootstrappolicy/policy.go). */
    public static final ControllerIdentity IDENTITY = ControllerIdentity.user("system:kube-scheduler");

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedScheduler.class);
    static final String SCHEDULER_NAME = "default-scheduler";
    private static final Duration UNSCHEDULABLE_RETRY = Duration.ofSeconds(5);

    private final Clock clock;
    /** Pods bound by us whose nodeName is not in the cache yet, so a burst does not pile onto one node. */
    private final Map<String, String> assumed = new ConcurrentHashMap<>();
    private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
    private final NodeLoads loads = new NodeLoads();
    private final Map<String, ParsedNode> allocatable = new ConcurrentHashMap<>();
    private volatile boolean bindWithBindingObject;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;

    public SimulatedScheduler(KubernetesClient client) {
        this(client, Clock.systemUTC());
    }

    public SimulatedScheduler(KubernetesClient client, Clock clock) {
        this(SharedInformers.privateTo(client), clock);
    }

    /** On informers shared with other controllers. */
    public SimulatedScheduler(SharedInformers informers, Clock clock) {
        super("scheduler", IDENTITY, informers, 1);
        this.clock = clock;
    }

    @Override
    protected void registerInformers() {
        pods = informWith(Pod.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                onPodChanged(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                onPodChanged(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                loads.remove(keyOf(pod));
                assumed.remove(keyOf(pod));
                unschedulable.remove(keyOf(pod));
                retryUnschedulable(); // capacity was freed
            }
        });
        nodes = inform(Node.class, node -> {
            retryUnschedulable(); // a new, relabelled or untainted node may fit any waiting pod
            return List.of();
        });
    }

    private void onPodChanged(Pod pod) {
        String key = keyOf(pod);
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName != null) {
            assumed.remove(key);
            unschedulable.remove(key);
            if (isFinished(pod)) {
                loads.remove(key);
                retryUnschedulable(); // capacity was freed
            } else {
                loads.place(key, nodeName, () -> NodeFit.Resources.requestedBy(pod));
            }
        } else {
            if (!assumed.containsKey(key)) {
                loads.remove(key); // a pending pod of that name, recreated: whatever held the name is gone
            }
            if (isOurs(pod)) {
                enqueue(key);
            }
        }
    }

    private void retryUnschedulable() {
        unschedulable.forEach(this::enqueue);
    }

    private static boolean isOurs(Pod pod) {
        String scheduler = pod.getSpec().getSchedulerName();
        return (scheduler == null || SCHEDULER_NAME.equals(scheduler)) && !PodState.isTerminating(pod);
    }

    @Override
    protected void reconcile(String key) {
        Pod pod = pods.getStore().getByKey(key);
        if (pod == null || pod.getSpec().getNodeName() != null || !isOurs(pod) || assumed.containsKey(key)) {
            return;
        }
        List<Node> candidates = nodes.getStore().list();
        Map<String, Integer> rejections = new TreeMap<>();
        NodeFit.Resources requests = NodeFit.Resources.requestedBy(pod);
        Node best = null;
        NodeFit.NodeLoad bestLoad = null;
        for (Node node : candidates.stream().sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList()) {
            NodeFit.NodeLoad load = loads.of(node.getMetadata().getName());
            Optional<String> rejection = NodeFit.check(pod, requests, node, allocatableOf(node), load);
            if (rejection.isPresent()) {
                rejections.merge(rejection.get(), 1, Integer::sum);
            } else if (best == null || load.pods() < bestLoad.pods()) {
                best = node;
                bestLoad = load;
            }
        }
        if (best == null) {
            markUnschedulable(pod, candidates.size(), rejections);
            return;
        }
        bind(pod, best.getMetadata().getName());
    }

    /** The node's allocatable, parsed again only when the node changed. */
    private NodeFit.Allocatable allocatableOf(Node node) {
        String version = node.getMetadata().getResourceVersion();
        ParsedNode parsed = allocatable.get(node.getMetadata().getName());
        if (parsed == null || version == null || !version.equals(parsed.resourceVersion())) {
            parsed = new ParsedNode(version, NodeFit.Allocatable.of(node));
            allocatable.put(node.getMetadata().getName(), parsed);
        }
        return parsed.allocatable();
    }

    private record ParsedNode(String resourceVersion, NodeFit.Allocatable allocatable) {
    }

    private static boolean isFinished(Pod pod) {
        String phase = PodState.phase(pod);
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** Binds like the API's binding subresource; servers without it (the CRUD mock) get spec.nodeName set. */
    private void bind(Pod pod, String nodeName) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        assumed.put(keyOf(pod), nodeName);
        loads.place(keyOf(pod), nodeName, () -> NodeFit.Resources.requestedBy(pod));
        try {
            if (bindWithBindingObject) {
                bindWithBinding(namespace, name, nodeName);
            } else {
                try {
                    ByName.mergePatch(client, Pod.class, namespace, name,
                            "{\"spec\":{\"nodeName\":\"" + nodeName + "\"}}");
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 422 && e.getCode() != 400 && e.getCode() != 403) {
                        throw e;
                    }
                    // A real API server keeps spec.nodeName immutable: only the binding subresource sets it.
                    bindWithBindingObject = true;
                    bindWithBinding(namespace, name, nodeName);
                }
            }
        } catch (KubernetesClientException e) {
            assumed.remove(keyOf(pod));
            loads.remove(keyOf(pod));
            if (e.getCode() == 404) {
                return;
            }
            throw e;
        }
        unschedulable.remove(keyOf(pod));
        LOG.info("scheduled pod {}/{} to node {}", namespace, name, nodeName);
    }

    private void bindWithBinding(String namespace, String name, String nodeName) {
        client.bindings().inNamespace(namespace).resource(new BindingBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(nodeName).endTarget()
                .build()).create();
    }

    private void markUnschedulable(Pod pod, int nodeCount, Map<String, Integer> rejections) {
        String key = keyOf(pod);
        unschedulable.add(key);
        String message = unschedulableMessage(nodeCount, rejections);
        Optional<PodCondition> existing = PodState.condition(pod, "PodScheduled");
        boolean alreadyReported = existing.isPresent() && "False".equals(existing.get().getStatus())
                && "Unschedulable".equals(existing.get().getReason()) && message.equals(existing.get().getMessage());
        if (!alreadyReported) {
            List<PodCondition> conditions = new ArrayList<>();
            if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
                pod.getStatus().getConditions().stream()
                        .filter(c -> !"PodScheduled".equals(c.getType())).forEach(conditions::add);
            }
            conditions.add(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage(message)
                    .withLastProbeTime(null).withLastTransitionTime(Timestamps.format(clock.instant())).build());
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("phase", "Pending");
            status.put("conditions", conditions);
            ByName.mergePatchStatus(client, Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    client.getKubernetesSerialization().asJson(Map.of("status", status)));
            LOG.info("pod {} is unschedulable: {}", key, message);
        }
        enqueueAfter(key, UNSCHEDULABLE_RETRY);
    }

    /** The real scheduler's wording, e.g. "0/3 nodes are available: 3 Insufficient cpu. preemption: ...". */
    static String unschedulableMessage(int nodeCount, Map<String, Integer> rejections) {
        String reasons = rejections.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .sorted()
                .collect(Collectors.joining(", "));
        String prefix = "0/" + nodeCount + " nodes are available";
        if (nodeCount == 0) {
            return "no nodes available to schedule pods";
        }
        return prefix + ": " + reasons + ". preemption: " + prefix + ": " + nodeCount
                + " Preemption is not helpful for scheduling.";
    }
}
