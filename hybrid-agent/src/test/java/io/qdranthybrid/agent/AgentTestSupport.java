package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** One agent in a fresh namespace of a shared simulated cluster, talking to its own scripted control plane. */
final class AgentTestSupport implements AutoCloseable {

    final SimulatedCluster cluster;
    final String namespace;
    final ScriptedControlPlane controlPlane;
    final KubernetesClient agentClient;
    private final List<CloudAgent> agents = new ArrayList<>();

    AgentTestSupport(SimulatedCluster cluster, String prefix) throws IOException {
        this.cluster = cluster;
        this.namespace = cluster.createNamespace(prefix);
        this.controlPlane = new ScriptedControlPlane().start();
        this.agentClient = cluster.newClient(namespace, userAgent());
    }

    /** The User-Agent of the agent's Kubernetes client, to find its requests in the API server's journal. */
    String userAgent() {
        return "agent-under-test/" + namespace;
    }

    CloudAgent.Builder agentBuilder() {
        return CloudAgent.builder(agentClient, namespace, controlPlane.settings("env-" + namespace))
                .environmentIntervals(Duration.ofMillis(200), Duration.ofSeconds(30))
                .shutdownTimeout(Duration.ofSeconds(3));
    }

    /** Starts an agent and waits for its session with the control plane. */
    CloudAgent startAgent(CloudAgent.Builder builder) {
        CloudAgent agent = builder.build();
        agents.add(agent);
        int before = controlPlane.sessions();
        agent.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.isReady() && controlPlane.sessions() > before);
        return agent;
    }

    CloudAgent startAgent() {
        return startAgent(agentBuilder());
    }

    /** Sends and waits for the agent's answer. */
    AgentMessage sendAndAwaitAnswer(ControlPlaneMessage message) {
        String id = controlPlane.send(message);
        return await().atMost(Duration.ofSeconds(15)).until(() -> controlPlane.answerTo(id).orElse(null),
                answer -> answer != null);
    }

    Ack sendAndAwaitAck(ControlPlaneMessage message) {
        AgentMessage answer = sendAndAwaitAnswer(message);
        if (!(answer instanceof Ack ack)) {
            throw new AssertionError("expected an Ack but the agent answered " + answer);
        }
        return ack;
    }

    GenericKubernetesResource get(ManagedKind kind, String name) {
        return cluster.client().genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() throws IOException {
        agents.forEach(CloudAgent::close);
        agentClient.close();
        controlPlane.close();
    }
}
