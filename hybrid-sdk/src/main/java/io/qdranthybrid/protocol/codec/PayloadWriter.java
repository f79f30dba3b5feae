package io.qdranthybrid.protocol.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.ProtocolMessage;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryResult;
import io.qdranthybrid.protocol.message.RefusedResource;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.UnsupportedResource;
import io.qdranthybrid.protocol.message.Welcome;

import java.util.List;

/** Turns a message record into its JSON payload; the inverse of {@link PayloadReader}. */
final class PayloadWriter {

    private final JsonNodeFactory json = JsonNodeFactory.instance;

    ObjectNode write(ProtocolMessage message) {
        ObjectNode out = json.objectNode();
        if (message instanceof Hello hello) {
            out.put("environmentId", hello.environmentId());
            out.put("accessKey", hello.accessKey().reveal());
            out.put("agentVersion", hello.agentVersion());
            ArrayNode versions = out.putArray("supportedVersions");
            hello.supportedVersions().forEach(versions::add);
            out.put("lastAppliedRevision", hello.lastAppliedRevision());
        } else if (message instanceof Welcome welcome) {
            out.put("protocolVersion", welcome.protocolVersion());
            out.put("sessionId", welcome.sessionId());
            out.put("heartbeatIntervalMs", welcome.heartbeatInterval().toMillis());
            out.put("heartbeatTimeoutMs", welcome.heartbeatTimeout().toMillis());
            out.put("maxMessageBytes", welcome.maxMessageBytes());
        } else if (message instanceof Refused refused) {
            out.put("reason", refused.reason().name());
            out.put("message", refused.message());
        } else if (message instanceof DesiredState state) {
            desiredState(out, state);
        } else if (message instanceof DesiredStatePart part) {
            out.put("part", part.part());
            out.put("parts", part.parts());
            desiredState(out, part.state());
        } else if (message instanceof Command command) {
            out.put("commandId", command.commandId());
            out.put("name", command.name());
            out.set("args", command.args().deepCopy());
        } else if (message instanceof Query query) {
            out.put("queryId", query.queryId());
            out.put("name", query.name());
            out.set("args", query.args().deepCopy());
        } else if (message instanceof QueryResult result) {
            out.put("queryId", result.queryId());
            out.put("seq", result.seq());
            out.put("last", result.last());
            if (result.error() != null) {
                out.putObject("error").put("code", result.error().code().name()).put("message", result.error().message());
            } else {
                out.put("data", result.data());
            }
            if (result.truncated()) {
                out.put("truncated", true);
            }
        } else if (message instanceof ResyncRequest resync) {
            out.put("reason", resync.reason());
        } else if (message instanceof Ack ack) {
            out.put("ref", ack.ref());
            ack.appliedRevision().ifPresent(revision -> out.put("revision", revision));
            ack.completedCommandId().ifPresent(commandId -> out.put("commandId", commandId));
        } else if (message instanceof Nack nack) {
            nack.refIfKnown().ifPresent(ref -> out.put("ref", ref));
            out.put("reason", nack.reason().name());
            out.put("message", nack.message());
            if (!nack.resources().isEmpty()) {
                ArrayNode resources = out.putArray("resources");
                for (RefusedResource refused : nack.resources()) {
                    ObjectNode item = resources.addObject();
                    key(item, refused.key());
                    item.put("reason", refused.reason().name());
                    item.put("message", refused.message());
                }
            }
        } else if (message instanceof ResourceStatus status) {
            key(out, status.key());
            out.put("observedRevision", status.observedRevision());
            out.set("status", status.status().deepCopy());
            out.put("observedAt", status.observedAt().toString());
        } else if (message instanceof EnvironmentStatus environment) {
            environmentStatus(out, environment);
        } else if (message instanceof Telemetry telemetry) {
            ArrayNode metrics = out.putArray("metrics");
            telemetry.metrics().forEach(sample -> metrics.add(metric(sample)));
            ArrayNode events = out.putArray("events");
            telemetry.events().forEach(event -> events.add(event(event)));
            out.put("droppedItems", telemetry.droppedItems());
        } else if (!(message instanceof Heartbeat)) {
            throw new IllegalStateException("no payload writer for " + message.type());
        }
        return out;
    }

    private void desiredState(ObjectNode out, DesiredState state) {
        out.put("revision", state.revision());
        out.put("mode", state.mode().name());
        if (state.mode() == DesiredStateMode.DELTA) {
            out.put("baseRevision", state.baseRevision());
        }
        ArrayNode resources = out.putArray("resources");
        state.resources().forEach(resource -> resources.add(desiredResource(resource)));
        state.unsupported().forEach(resource -> resources.add(unsupportedResource(resource)));
        if (!state.withheld().isEmpty()) {
            ArrayNode withheld = out.putArray("withheld");
            state.withheld().forEach(k -> key(withheld.addObject(), k));
        }
    }

    ObjectNode desiredResource(DesiredResource resource) {
        ObjectNode out = json.objectNode();
        key(out, resource.key());
        out.put("revision", resource.revision());
        resource.manifestIfPresent().ifPresentOrElse(
                manifest -> out.set("manifest", manifest.deepCopy()),
                () -> out.put("deleted", true));
        return out;
    }

    ObjectNode unsupportedResource(UnsupportedResource resource) {
        ObjectNode out = json.objectNode();
        out.put("kind", resource.kind());
        out.put("namespace", resource.namespace());
        out.put("name", resource.name());
        out.put("revision", resource.revision());
        if (resource.isTombstone()) {
            out.put("deleted", true);
        } else {
            out.set("manifest", resource.manifest().deepCopy());
        }
        return out;
    }

    private static void key(ObjectNode out, ResourceKey key) {
        out.put("kind", key.kind().wireName());
        out.put("namespace", key.namespace());
        out.put("name", key.name());
    }

    private void environmentStatus(ObjectNode out, EnvironmentStatus environment) {
        ObjectNode kubernetes = out.putObject("kubernetes");
        kubernetes.put("version", environment.kubernetesVersion());
        kubernetes.put("distribution", environment.kubernetesDistribution());
        environment.nodeCountIfKnown().ifPresent(count -> out.put("nodeCount", count));
        ObjectNode capacity = out.putObject("capacity");
        capacity.put("cpu", environment.capacity().cpu());
        capacity.put("memory", environment.capacity().memory());
        capacity.put("ephemeralStorage", environment.capacity().ephemeralStorage());
        texts(out.putArray("storageClasses"), environment.storageClasses());
        texts(out.putArray("volumeSnapshotClasses"), environment.volumeSnapshotClasses());
        ArrayNode components = out.putArray("components");
        for (ComponentStatus component : environment.components()) {
            components.addObject()
                    .put("name", component.name())
                    .put("namespace", component.namespace())
                    .put("version", component.version())
                    .put("phase", component.phase().name())
                    .put("message", component.message());
        }
        out.put("observedAt", environment.observedAt().toString());
        // Only when there are some: a payload without them stays byte-identical to an older agent's.
        if (!environment.prerequisites().isEmpty()) {
            ArrayNode prerequisites = out.putArray("prerequisites");
            for (PrerequisiteCheck check : environment.prerequisites()) {
                prerequisites.addObject()
                        .put("name", check.name())
                        .put("verdict", check.verdict().name())
                        .put("found", check.found())
                        .put("advice", check.advice());
            }
        }
    }

    private ObjectNode metric(MetricSample sample) {
        ObjectNode out = json.objectNode()
                .put("clusterId", sample.clusterId())
                .put("name", sample.name())
                .put("value", sample.value());
        ObjectNode labels = out.putObject("labels");
        sample.labels().forEach(labels::put);
        out.put("at", sample.at().toString());
        return out;
    }

    private ObjectNode event(KubernetesEvent event) {
        return json.objectNode()
                .put("namespace", event.namespace())
                .put("involvedKind", event.involvedKind())
                .put("involvedName", event.involvedName())
                .put("type", event.type())
                .put("reason", event.reason())
                .put("message", event.message())
                .put("count", event.count())
                .put("at", event.at().toString());
    }

    private static void texts(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
