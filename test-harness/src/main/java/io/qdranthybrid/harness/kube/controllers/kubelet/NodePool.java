package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shape of the simulated cluster's nodes: how many, their capacity and how they are labelled.
 * {@link #nodes()} turns it into the Node objects a k3s agent would register, spread over the zones
 * round-robin.
 *
 * @param namePrefix     nodes are named {@code <namePrefix>-<n>}, n from 1
 * @param count          number of nodes
 * @param cpu            cpu capacity of each node, e.g. {@code 4}
 * @param memory         memory capacity of each node, e.g. {@code 16Gi}
 * @param maxPods        pods capacity of each node
 * @param instanceType   value of node.kubernetes.io/instance-type
 * @param zones          values of topology.kubernetes.io/zone, assigned round-robin
 * @param kubeletVersion reported in status.nodeInfo
 * @param taints         taints every node carries (none by default)
 */
public record NodePool(String namePrefix, int count, String cpu, String memory, int maxPods, String instanceType,
        List<String> zones, String kubeletVersion, List<Taint> taints) {

    public NodePool {
        if (count < 1) {
            throw new IllegalArgumentException("a node pool needs at least 1 node, got " + count);
        }
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a node pool needs at least one zone");
        }
        if (maxPods < 1) {
            throw new IllegalArgumentException("maxPods must be at least 1, got " + maxPods);
        }
        zones = List.copyOf(zones);
        taints = List.copyOf(taints);
    }

    /** Three 4-cpu 16Gi nodes in three zones, like a small k3s cluster. */
    public static NodePool defaults() {
        return new NodePool("k3s-sim", 3, "4", "16Gi", 110, "k3s.simulated",
                List.of("zone-a", "zone-b", "zone-c"), "v1.31.4+k3s1", List.of());
    }

    public NodePool withCount(int newCount) {
        return new NodePool(namePrefix, newCount, cpu, memory, maxPods, instanceType,
                zones, kubeletVersion, taints);
    }

    public NodePool withMaxPods(int newMaxPods) {
        return new NodePool(namePrefix, count, cpu, memory, newMaxPods, instanceType, zones, kubeletVersion, taints);
    }

    public NodePool withTaints(List<Taint> newTaints) {
        return new NodePool(namePrefix, count, cpu, memory, maxPods, instanceType, zones, kubeletVersion, newTaints);
    }

    public List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(namePrefix + "-" + i);
        }
        return names;
    }

    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        List<String> names = nodeNames();
        for (int i = 0; i < names.size(); i++) {
            nodes.add(node(names.get(i), zones.get(i % zones.size())));
        }
        return nodes;
    }

    private Node node(String name, String zone) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("topology.kubernetes.io/zone", zone);
        labels.put("topology.kubernetes.io/region", "simulated");
        labels.put("node.kubernetes.io/instance-type", instanceType);
        Map<String, Quantity> capacity = Map.of(
                "cpu", new Quantity(cpu),
                "memory", new Quantity(memory),
                "pods", new Quantity(Integer.toString(maxPods)),
                "ephemeral-storage", new Quantity("100Gi"));
        String id = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID("k3s://" + name).withTaints(taints).endSpec()
                .withNewStatus()
                .withCapacity(capacity)
                .withAllocatable(capacity)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False")
                .withReason("KubeletHasSufficientMemory").withMessage("kubelet has sufficient memory available").endCondition()
                .addNewCondition().withType("DiskPressure").withStatus("False")
                .withReason("KubeletHasNoDiskPressure").withMessage("kubelet has no disk pressure").endCondition()
                .addNewCondition().withType("PIDPressure").withStatus("False")
                .withReason("KubeletHasSufficientPID").withMessage("kubelet has sufficient PID available").endCondition()
                .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withNewNodeInfo()
                .withKubeletVersion(kubeletVersion)
                .withKubeProxyVersion(kubeletVersion)
                .withContainerRuntimeVersion("containerd://1.7.23-k3s2")
                .withOperatingSystem("linux")
                .withArchitecture("amd64")
                .withOsImage("K3s simulated")
                .withKernelVersion("6.1.0-simulated")
                .withMachineID(id.replace("-", ""))
                .withSystemUUID(id)
                .withBootID(id)
                .endNodeInfo()
                .endStatus()
                .build();
    }
}
