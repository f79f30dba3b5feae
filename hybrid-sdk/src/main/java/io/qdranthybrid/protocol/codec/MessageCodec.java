package io.qdranthybrid.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.MessageType;
import io.qdranthybrid.protocol.message.ProtocolMessage;
import io.qdranthybrid.protocol.message.ProtocolVersions;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Encodes envelopes to JSON text and decodes received text, enforcing a size limit in UTF-8 bytes. Thread-safe.
 * Decoding returns a {@link DecodeResult} and never throws on bad input.
 */
public final class MessageCodec {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int maxMessageBytes;
    private final PayloadWriter writer = new PayloadWriter();
    private final PayloadReader reader = new PayloadReader();

    public MessageCodec(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be > 0 but was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    public MessageCodec() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** A codec with another limit, e.g. the one agreed in the Welcome. */
    public MessageCodec withMaxMessageBytes(int limit) {
        return limit == maxMessageBytes ? this : new MessageCodec(limit);
    }

    /**
     * @throws MessageTooLargeException when the encoded text exceeds the limit; nothing was sent
     */
    public String encode(Envelope<? extends ProtocolMessage> envelope) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", envelope.version());
        root.put("type", envelope.message().type().wireName());
        root.put("id", envelope.id());
        root.put("ts", envelope.timestamp().toString());
        root.set("payload", writer.write(envelope.message()));
        String text;
        try {
            text = MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree we built ourselves", e);
        }
        long size = utf8Length(text);
        if (size > maxMessageBytes) {
            throw new MessageTooLargeException(envelope.message().type().wireName(), size, maxMessageBytes);
        }
        return text;
    }

    /** UTF-8 bytes of {@code node} as {@link #encode} writes it (compact, no whitespace). */
    static long encodedLength(JsonNode node) {
        try {
            return utf8Length(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree we built ourselves", e);
        }
    }

    /** Decodes a frame the agent received. */
    public DecodeResult<ControlPlaneMessage> decodeFromControlPlane(String text) {
        return decode(text, ControlPlaneMessage.class, false);
    }

    /** Decodes a frame the control plane received. */
    public DecodeResult<AgentMessage> decodeFromAgent(String text) {
        return decode(text, AgentMessage.class, true);
    }

    private <M extends ProtocolMessage> DecodeResult<M> decode(String text, Class<M> family, boolean fromAgent) {
        if (text == null) {
            return new DecodeResult.Malformed<>(null, "empty frame");
        }
        long size = utf8Length(text);
        if (size > maxMessageBytes) {
            return new DecodeResult.TooLarge<>(size, maxMessageBytes, scanForId(text).orElse(null));
        }
        try {
            return decodeWithinLimit(text, family, fromAgent);
        } catch (RuntimeException e) {
            // The boundary with untrusted input: any surprise becomes a Malformed result instead of killing the reader.
            return new DecodeResult.Malformed<>(scanForId(text).orElse(null), "undecodable message: " + e);
        }
    }

    private <M extends ProtocolMessage> DecodeResult<M> decodeWithinLimit(String text, Class<M> family, boolean fromAgent) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            return new DecodeResult.Malformed<>(scanForId(text).orElse(null), "not valid JSON: " + detail);
        }
        if (root == null || !root.isObject()) {
            return new DecodeResult.Malformed<>(null, "the envelope must be a JSON object but got " + Fields.describe(root));
        }
        JsonNode idNode = root.get("id");
        String id = idNode != null && idNode.isTextual() && !idNode.textValue().isBlank() ? idNode.textValue() : null;
        try {
            Fields envelope = new Fields(root, "envelope");
            int version = envelope.intValue("v");
            if (!ProtocolVersions.SUPPORTED.contains(version)) {
                return new DecodeResult.Malformed<>(id, "unsupported protocol version " + version + "; this side speaks "
                        + ProtocolVersions.SUPPORTED);
            }
            String typeName = envelope.text("type");
            String envelopeId = envelope.text("id");
            Instant timestamp = envelope.instant("ts");
            Optional<MessageType> type = MessageType.fromWireName(typeName);
            if (type.isEmpty()) {
                return new DecodeResult.UnknownType<>(typeName, envelopeId);
            }
            boolean allowed = fromAgent ? type.get().sentByAgent() : type.get().sentByControlPlane();
            if (!allowed) {
                return new DecodeResult.Malformed<>(id, "\"" + typeName + "\" is never sent by the "
                        + (fromAgent ? "agent" : "control plane"));
            }
            ProtocolMessage message = reader.read(type.get(), new Fields(root.get("payload"), "payload"));
            return new DecodeResult.Decoded<>(new Envelope<>(version, envelopeId, timestamp, family.cast(message)));
        } catch (MalformedPayloadException e) {
            return new DecodeResult.Malformed<>(id, e.getMessage());
        } catch (IllegalArgumentException | DateTimeException e) {
            return new DecodeResult.Malformed<>(id, "invalid message: " + e.getMessage());
        }
    }

    /** Finds the top-level "id" of a frame without building a tree, so even an oversized frame can be Nacked by id. */
    static Optional<String> scanForId(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                    String id = parser.getText();
                    return id.isBlank() || id.length() > 128 ? Optional.empty() : Optional.of(id);
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** UTF-8 byte length without encoding the string. */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
