package io.qdranthybrid.harness.kube.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's filters: whether a pod can go to a node, and if not, the reason the real scheduler
 * would count for that node (e.g. "node(s) didn't match Pod's node affinity/selector").
 */
final class NodeFit {

    /** What is already placed on a node. */
    record NodeLoad(int pods, BigDecimal cpu, BigDecimal memory) {
        static final NodeLoad EMPTY = new NodeLoad(0, BigDecimal.ZERO, BigDecimal.ZERO);

        NodeLoad plus(Resources requests) {
            return new NodeLoad(pods + 1, cpu.add(requests.cpu()), memory.add(requests.memory()));
        }

        NodeLoad minus(Resources requests) {
            return new NodeLoad(pods - 1, cpu.subtract(requests.cpu()), memory.subtract(requests.memory()));
        }

        NodeLoad add(NodeLoad other) {
            return new NodeLoad(pods + other.pods, cpu.add(other.cpu), memory.add(other.memory));
        }
    }

    /** A pod's cpu (cores) and memory (bytes) requests. */
    record Resources(BigDecimal cpu, BigDecimal memory) {
        static Resources requestedBy(Pod pod) {
            BigDecimal cpu = BigDecimal.ZERO;
            BigDecimal memory = BigDecimal.ZERO;
            for (Container container : pod.getSpec().getContainers()) {
                if (container.getResources() == null || container.getResources().getRequests() == null) {
                    continue;
                }
                Map<String, Quantity> requests = container.getResources().getRequests();
                cpu = cpu.add(amount(requests.get("cpu")));
                memory = memory.add(amount(requests.get("memory")));
            }
            return new Resources(cpu, memory);
        }
    }

    private NodeFit() {
    }

    /** What a node offers, parsed from its status once per node version. */
    record Allocatable(Integer pods, BigDecimal cpu, BigDecimal memory) {
        static Allocatable of(Node node) {
            Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                    ? Map.of() : node.getStatus().getAllocatable();
            return new Allocatable(
                    allocatable.containsKey("pods") ? amount(allocatable.get("pods")).intValue() : null,
                    allocatable.containsKey("cpu") ? amount(allocatable.get("cpu")) : null,
                    allocatable.containsKey("memory") ? amount(allocatable.get("memory")) : null);
        }
    }

    /** Empty if the pod fits, else the reason this node was filtered out. */
    static Optional<String> check(Pod pod, Node node, NodeLoad load) {
        return check(pod, Resources.requestedBy(pod), node, Allocatable.of(node), load);
    }

    /** As above, with the pod's requests and the node's allocatable parsed already (once per decision, per node). */
    static Optional<String> check(Pod pod, Resources requests, Node node, Allocatable allocatable, NodeLoad load) {
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return Optional.of("node(s) were unschedulable");
        }
        if (!matchesSelector(pod, node) || !matchesRequiredAffinity(pod, node)) {
            return Optional.of("node(s) didn't match Pod's node affinity/selector");
        }
        Optional<Taint> untolerated = untoleratedTaint(pod, node);
        if (untolerated.isPresent()) {
            Taint taint = untolerated.get();
            return Optional.of("node(s) had untolerated taint {" + taint.getKey() + ": "
                    + (taint.getValue() == null ? "" : taint.getValue()) + "}");
        }
        if (allocatable.pods() != null && load.pods() + 1 > allocatable.pods()) {
            return Optional.of("Too many pods");
        }
        if (allocatable.cpu() != null && load.cpu().add(requests.cpu()).compareTo(allocatable.cpu()) > 0) {
            return Optional.of("Insufficient cpu");
        }
        if (allocatable.memory() != null && load.memory().add(requests.memory()).compareTo(allocatable.memory()) > 0) {
            return Optional.of("Insufficient memory");
        }
        return Optional.empty();
    }

    private static boolean matchesSelector(Pod pod, Node node) {
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        Map<String, String> labels = labels(node);
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean matchesRequiredAffinity(Pod pod, Node node) {
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = affinity.getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        if (terms == null || terms.isEmpty()) {
            return true;
        }
        Map<String, String> labels = labels(node);
        return terms.stream().anyMatch(term -> term.getMatchExpressions() == null
                || term.getMatchExpressions().stream().allMatch(r -> matches(r, labels)));
    }

    private static boolean matches(NodeSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && values.size() == 1 && Long.parseLong(value) > Long.parseLong(values.get(0));
            case "Lt" -> value != null && values.size() == 1 && Long.parseLong(value) < Long.parseLong(values.get(0));
            default -> throw new IllegalArgumentException("unknown node selector operator " + requirement.getOperator());
        };
    }

    private static Optional<Taint> untoleratedTaint(Pod pod, Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) {
            return Optional.empty();
        }
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
        return node.getSpec().getTaints().stream()
                .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
                .filter(t -> tolerations.stream().noneMatch(tol -> tolerates(tol, t)))
                .findFirst();
    }

    private static boolean tolerates(Toleration toleration, Taint taint) {
        if (toleration.getEffect() != null && !toleration.getEffect().isEmpty()
                && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (toleration.getKey() == null || toleration.getKey().isEmpty()) {
            return "Exists".equals(toleration.getOperator());
        }
        if (!toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        if ("Exists".equals(toleration.getOperator())) {
            return true;
        }
        String value = toleration.getValue() == null ? "" : toleration.getValue();
        return value.equals(taint.getValue() == null ? "" : taint.getValue());
    }

    private static Map<String, String> labels(Node node) {
        return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    }

    static BigDecimal amount(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : quantity.getNumericalAmount();
    }
}
