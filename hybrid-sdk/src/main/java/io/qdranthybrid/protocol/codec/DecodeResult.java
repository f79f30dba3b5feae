package io.qdranthybrid.protocol.codec;

import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.ProtocolMessage;

import java.util.Optional;

/** What a received frame turned out to be. Exactly one of the four cases; decoding never throws. */
public sealed interface DecodeResult<M extends ProtocolMessage>
        permits DecodeResult.Decoded, DecodeResult.UnknownType, DecodeResult.Malformed, DecodeResult.TooLarge {

    /** A valid message of the expected family. */
    record Decoded<M extends ProtocolMessage>(Envelope<M> envelope) implements DecodeResult<M> {
    }

    /** A well-formed envelope of a type this SDK does not know, presumably from a newer peer: ignore and count it. */
    record UnknownType<M extends ProtocolMessage>(String type, String envelopeId) implements DecodeResult<M> {
    }

    /** Not a valid message; {@code envelopeId} is null when even the id could not be read. */
    record Malformed<M extends ProtocolMessage>(String envelopeId, String reason) implements DecodeResult<M> {
        public Optional<String> envelopeIdIfKnown() {
            return Optional.ofNullable(envelopeId);
        }
    }

    /** Larger than the size limit; not parsed, except to find its id for the Nack. */
    record TooLarge<M extends ProtocolMessage>(long sizeBytes, int limitBytes, String envelopeId)
            implements DecodeResult<M> {
        public Optional<String> envelopeIdIfKnown() {
            return Optional.ofNullable(envelopeId);
        }
    }
}
