package io.qdranthybrid.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.MessageType;
import io.qdranthybrid.protocol.message.ProtocolMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Frames for property tests of both ends of the protocol: valid messages of one direction, then mutated as an attacker
 * or a buggy peer would (fields removed or given values of the wrong type, size or sign, the type swapped, the JSON cut
 * or salted with bytes, or plain junk).
 */
public final class FrameMutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageCodec CODEC = new MessageCodec(64 << 20);

    private FrameMutations() {
    }

    /** Frames an agent could send, valid or mutated. */
    public static Arbitrary<String> fromAgent() {
        return framesOf(SampleMessages.everyType().stream().filter(m -> m instanceof AgentMessage).toList());
    }

    /** Frames a control plane could send, valid or mutated. */
    public static Arbitrary<String> fromControlPlane() {
        return framesOf(SampleMessages.everyType().stream().filter(m -> m instanceof ControlPlaneMessage).toList());
    }

    private static Arbitrary<String> framesOf(List<ProtocolMessage> messages) {
        Arbitrary<String> valid = Arbitraries.of(messages).map(m -> CODEC.encode(Envelope.wrap(m, Clock.systemUTC())));
        Arbitrary<String> treeMutated = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000),
                hostileValues(), Arbitraries.integers().between(0, 3)).as(FrameMutations::mutateTree);
        Arbitrary<String> textMutated = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000),
                Arbitraries.strings().ofMaxLength(8), Arbitraries.integers().between(0, 2)).as(FrameMutations::mutateText);
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(200);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, valid),
                net.jqwik.api.Tuple.of(6, treeMutated),
                net.jqwik.api.Tuple.of(3, textMutated),
                net.jqwik.api.Tuple.of(1, junk));
    }

    private static Arbitrary<JsonNode> hostileValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.of(f.nullNode(), f.numberNode(Long.MAX_VALUE), f.numberNode(Long.MIN_VALUE),
                        f.numberNode(-1), f.numberNode(0), f.numberNode(1.5), f.numberNode(new java.math.BigInteger(
                                "123456789012345678901234567890")), f.booleanNode(true), f.arrayNode(), f.objectNode(),
                        f.textNode(""), f.textNode("../../../api/v1/namespaces/kube-system/secrets/x"),
                        f.textNode("line\nbreak\r\u2028"), f.textNode("x".repeat(5_000)), f.textNode("kube-system"),
                        f.textNode("2026-13-45T99:99:99Z")),
                Arbitraries.of(MessageType.values()).map(t -> f.textNode(t.wireName())),
                Arbitraries.strings().ofMaxLength(40).map(f::textNode),
                Arbitraries.longs().map(f::numberNode));
    }

    /** Picks the {@code pick}-th node of the tree and removes it (0), replaces it (1, 2) or swaps the type (3). */
    private static String mutateTree(String frame, int pick, JsonNode value, int operation) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(frame);
            if (operation == 3) {
                root.set("type", value.isTextual() ? value : root.get("type"));
                return JSON.writeValueAsString(root);
            }
            List<ObjectNode> parents = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            collect(root, parents, fields);
            int i = pick % parents.size();
            if (operation == 0) {
                parents.get(i).remove(fields.get(i));
            } else {
                parents.get(i).set(fields.get(i), value);
            }
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException("cannot mutate our own frame " + frame, e);
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> parents, List<String> fields) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                parents.add(object);
                fields.add(name);
                collect(object.get(name), parents, fields);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, parents, fields));
        }
    }

    /** Cuts the text (0), inserts {@code salt} (1) or replaces one character with it (2). */
    private static String mutateText(String frame, int at, String salt, int operation) {
        int i = at % (frame.length() + 1);
        return switch (operation) {
            case 0 -> frame.substring(0, i);
            case 1 -> frame.substring(0, i) + salt + frame.substring(i);
            default -> frame.substring(0, Math.min(i, frame.length() - 1)) + salt
                    + frame.substring(Math.min(i + 1, frame.length()));
        };
    }
}
