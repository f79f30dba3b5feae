package io.qdranthybrid.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MessageType;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.NodeCapacity;
import io.qdranthybrid.protocol.message.ProtocolMessage;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.message.QueryResult;
import io.qdranthybrid.protocol.message.RefusedResource;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.UnsupportedResource;
import io.qdranthybrid.protocol.message.Welcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds message records from their JSON payloads. Type errors raise {@link MalformedPayloadException}; semantic
 * errors raise the records' own {@link IllegalArgumentException}; the codec turns both into a Malformed result.
 */
final class PayloadReader {

    ProtocolMessage read(MessageType type, Fields p) throws MalformedPayloadException {
        return switch (type) {
            case HELLO -> hello(p);
            case WELCOME -> new Welcome(p.intValue("protocolVersion"), p.text("sessionId"),
                    Duration.ofMillis(p.longValue("heartbeatIntervalMs")),
                    Duration.ofMillis(p.longValue("heartbeatTimeoutMs")), p.intValue("maxMessageBytes"));
            case REFUSED -> new Refused(p.lenientEnumValue("reason", RefusalReason.class, RefusalReason.UNKNOWN),
                    p.optionalText("message"));
            case DESIRED_STATE -> desiredState(p);
            case DESIRED_STATE_PART -> new DesiredStatePart(p.intValue("part"), p.intValue("parts"), desiredState(p));
            case COMMAND -> new Command(p.text("commandId"), p.text("name"), p.optionalRawObject("args"));
            case RESYNC_REQUEST -> new ResyncRequest(p.optionalText("reason"));
            case ACK -> new Ack(p.text("ref"), p.optionalLong("revision"), p.optionalText("commandId"));
            case NACK -> new Nack(p.optionalText("ref"), p.lenientEnumValue("reason", NackReason.class, NackReason.UNKNOWN),
                    p.optionalText("message"), refusedResources(p));
            case HEARTBEAT -> new Heartbeat();
            case RESOURCE_STATUS -> new ResourceStatus(key(p), p.longValue("observedRevision"), p.rawObject("status"),
                    p.instant("observedAt"));
            case ENVIRONMENT_STATUS -> environmentStatus(p);
            case TELEMETRY -> telemetry(p);
            case QUERY -> new Query(p.text("queryId"), p.text("name"), p.optionalRawObject("args"));
            case QUERY_RESULT -> queryResult(p);
        };
    }

    private static Hello hello(Fields p) throws MalformedPayloadException {
        AccessKey key;
        try {
            key = AccessKey.parse(p.text("accessKey"));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(p.path("accessKey") + ": " + e.getMessage());
        }
        return new Hello(p.text("environmentId"), key, p.text("agentVersion"), p.ints("supportedVersions"),
                p.longValue("lastAppliedRevision"));
    }

    private static DesiredState desiredState(Fields p) throws MalformedPayloadException {
        DesiredStateMode mode = p.enumValue("mode", DesiredStateMode.class);
        long base = mode == DesiredStateMode.DELTA ? p.longValue("baseRevision") : 0;
        List<DesiredResource> resources = new ArrayList<>();
        List<UnsupportedResource> unsupported = new ArrayList<>();
        for (Fields r : p.objects("resources")) {
            long revision = r.longValue("revision");
            boolean deleted = r.booleanValue("deleted", false);
            if (deleted == r.has("manifest")) {
                throw new MalformedPayloadException(r.path("manifest")
                        + ": a resource has either a manifest or \"deleted\": true, exactly one of them");
            }
            JsonNode manifest = deleted ? null : r.rawObject("manifest");
            Optional<ResourceKind> kind = ResourceKind.fromWireName(r.text("kind"));
            if (kind.isEmpty()) {
                // A kind from a newer control plane: refused on its own, the rest still applies.
                unsupported.add(new UnsupportedResource(r.text("kind"), r.text("namespace"), r.text("name"), revision,
                        manifest));
                continue;
            }
            ResourceKey key = new ResourceKey(kind.get(), r.text("namespace"), r.text("name"));
            resources.add(deleted ? DesiredResource.tombstone(key, revision)
                    : DesiredResource.present(key, revision, manifest));
        }
        List<ResourceKey> withheld = new ArrayList<>();
        if (p.has("withheld")) {
            for (Fields k : p.objects("withheld")) {
                withheld.add(key(k));
            }
        }
        return new DesiredState(p.longValue("revision"), mode, base, resources, unsupported, withheld);
    }

    private static List<RefusedResource> refusedResources(Fields p) throws MalformedPayloadException {
        List<RefusedResource> refused = new ArrayList<>();
        if (p.has("resources")) {
            for (Fields r : p.objects("resources")) {
                refused.add(new RefusedResource(key(r), r.lenientEnumValue("reason", NackReason.class,
                        NackReason.UNKNOWN), r.optionalText("message")));
            }
        }
        return refused;
    }

    private static ResourceKey key(Fields p) throws MalformedPayloadException {
        String kindName = p.text("kind");
        ResourceKind kind = ResourceKind.fromWireName(kindName).orElseThrow(() -> new MalformedPayloadException(
                p.path("kind") + ": unknown resource kind \"" + Fields.abbreviate(kindName) + "\""));
        return new ResourceKey(kind, p.text("namespace"), p.text("name"));
    }

    private static EnvironmentStatus environmentStatus(Fields p) throws MalformedPayloadException {
        Fields kubernetes = p.object("kubernetes");
        Fields capacity = p.object("capacity");
        List<ComponentStatus> components = new ArrayList<>();
        for (Fields c : p.objects("components")) {
            components.add(component(c));
        }
        return new EnvironmentStatus(kubernetes.optionalText("version"), kubernetes.optionalText("distribution"),
                p.has("nodeCount") ? Integer.valueOf(p.intValue("nodeCount")) : null,
                new NodeCapacity(capacity.optionalText("cpu"), capacity.optionalText("memory"),
                        capacity.optionalText("ephemeralStorage")),
                p.texts("storageClasses"), p.texts("volumeSnapshotClasses"), components, p.instant("observedAt"),
                prerequisites(p));
    }

    /** Absent from an older agent; a verdict from a newer one is shown as a warning naming it, not refused. */
    private static List<PrerequisiteCheck> prerequisites(Fields p) throws MalformedPayloadException {
        List<PrerequisiteCheck> checks = new ArrayList<>();
        if (!p.has("prerequisites")) {
            return checks;
        }
        for (Fields c : p.objects("prerequisites")) {
            PrerequisiteVerdict verdict = c.lenientEnumValue("verdict", PrerequisiteVerdict.class, null);
            String found = c.optionalText("found");
            if (verdict == null) {
                verdict = PrerequisiteVerdict.WARN;
                found = "verdict \"" + Fields.abbreviate(c.text("verdict")) + "\" is unknown to this control plane"
                        + (found == null || found.isEmpty() ? "" : ": " + found);
            }
            checks.add(new PrerequisiteCheck(c.text("name"), verdict, found, c.optionalText("advice")));
        }
        return checks;
    }

    /** A phase from a newer agent is reported as NOT_READY with the phase named, not as a broken status. */
    private static ComponentStatus component(Fields c) throws MalformedPayloadException {
        ComponentPhase phase = c.lenientEnumValue("phase", ComponentPhase.class, null);
        String message = c.optionalText("message");
        if (phase == null) {
            phase = ComponentPhase.NOT_READY;
            message = "phase \"" + Fields.abbreviate(c.text("phase")) + "\" is unknown to this control plane"
                    + (message == null || message.isEmpty() ? "" : ": " + message);
        }
        return new ComponentStatus(c.text("name"), c.optionalText("namespace"), c.optionalText("version"), phase,
                message);
    }

    private static QueryResult queryResult(Fields p) throws MalformedPayloadException {
        QueryError error = null;
        if (p.has("error")) {
            Fields e = p.object("error");
            error = new QueryError(e.lenientEnumValue("code", QueryError.Code.class, QueryError.Code.UNKNOWN),
                    e.optionalText("message"));
        }
        return new QueryResult(p.text("queryId"), p.intValue("seq"), p.booleanValue("last", false),
                p.optionalText("data"), error, p.booleanValue("truncated", false));
    }

    private static Telemetry telemetry(Fields p) throws MalformedPayloadException {
        List<MetricSample> metrics = new ArrayList<>();
        for (Fields m : p.objects("metrics")) {
            metrics.add(new MetricSample(m.text("clusterId"), m.text("name"), m.doubleValue("value"),
                    m.textMap("labels"), m.instant("at")));
        }
        List<KubernetesEvent> events = new ArrayList<>();
        for (Fields e : p.objects("events")) {
            events.add(new KubernetesEvent(e.optionalText("namespace"), e.text("involvedKind"),
                    e.text("involvedName"), e.optionalText("type"), e.optionalText("reason"),
                    e.optionalText("message"), e.intValue("count"), e.instant("at")));
        }
        return new Telemetry(metrics, events, p.longValue("droppedItems"));
    }
}
