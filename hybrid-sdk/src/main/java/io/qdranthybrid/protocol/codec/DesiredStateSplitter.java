package io.qdranthybrid.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.ProtocolVersions;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.UnsupportedResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a desired state that does not fit the codec's frame limit into {@link DesiredStatePart}s, each within the
 * limit, packed greedily in the state's own order (so the parts concatenate back to the same lists). A resource too
 * large for a frame on its own is withheld by key instead of failing the whole state. A state that fits whole and
 * withholds nothing stays one {@link DesiredState}, as agents without parts expect.
 */
public final class DesiredStateSplitter {

    /** The longest envelope id and timestamp: sizes measured with them are never below the real ones. */
    private static final String LONGEST_ID = "00000000-0000-0000-0000-000000000000";
    private static final Instant LONGEST_TIMESTAMP = Instant.MAX;

    private final MessageCodec codec;
    private final PayloadWriter writer = new PayloadWriter();
    private final MessageCodec unlimited = new MessageCodec(Integer.MAX_VALUE);

    public DesiredStateSplitter(MessageCodec codec) {
        this.codec = codec;
    }

    /**
     * @throws MessageTooLargeException when even the parts cannot carry it: more than
     *                                  {@link DesiredStatePart#MAX_PARTS} frames, or an unknown-kind resource larger
     *                                  than a frame (it has no key to withhold it by)
     */
    public DesiredStateSplit split(DesiredState state) {
        if (state.withheld().isEmpty() && encodedSize(state) <= codec.maxMessageBytes()) {
            return new DesiredStateSplit(List.of(state), List.of());
        }
        List<Long> resourceSizes = state.resources().stream().map(r -> sizeOf(writer.desiredResource(r))).toList();
        List<Long> unsupportedSizes = state.unsupported().stream().map(r -> sizeOf(writer.unsupportedResource(r)))
                .toList();
        // Only the first part names the withheld keys, so whether a resource fits alone depends on the others' overhead.
        long overhead = partOverhead(state, List.of());
        Set<ResourceKey> withheld = new LinkedHashSet<>(state.withheld());
        for (int i = 0; i < resourceSizes.size(); i++) {
            if (overhead + resourceSizes.get(i) > codec.maxMessageBytes()) {
                withheld.add(state.resources().get(i).key());
            }
        }
        for (int i = 0; i < unsupportedSizes.size(); i++) {
            if (overhead + unsupportedSizes.get(i) > codec.maxMessageBytes()) {
                throw new MessageTooLargeException("desired-state-part", overhead + unsupportedSizes.get(i),
                        codec.maxMessageBytes());
            }
        }
        long firstOverhead = partOverhead(state, List.copyOf(withheld));
        if (firstOverhead > codec.maxMessageBytes()) {
            throw new MessageTooLargeException("desired-state-part naming " + withheld.size() + " withheld resources",
                    firstOverhead, codec.maxMessageBytes());
        }
        return pack(state, resourceSizes, unsupportedSizes, withheld, firstOverhead, overhead);
    }

    private DesiredStateSplit pack(DesiredState state, List<Long> resourceSizes, List<Long> unsupportedSizes,
                                   Set<ResourceKey> withheld, long firstOverhead, long overhead) {
        List<Bin> bins = new ArrayList<>();
        Bin bin = new Bin(firstOverhead);
        for (int i = 0; i < resourceSizes.size(); i++) {
            DesiredResource resource = state.resources().get(i);
            if (withheld.contains(resource.key())) {
                continue;
            }
            if (!bin.fits(resourceSizes.get(i), codec.maxMessageBytes())) {
                // Every resource not withheld fits a fresh part alone; the first may close empty, naming only keys.
                bins.add(bin);
                bin = new Bin(overhead);
            }
            bin.add(resourceSizes.get(i));
            bin.resources.add(resource);
        }
        for (int i = 0; i < unsupportedSizes.size(); i++) {
            if (!bin.fits(unsupportedSizes.get(i), codec.maxMessageBytes())) {
                bins.add(bin);
                bin = new Bin(overhead);
            }
            bin.add(unsupportedSizes.get(i));
            bin.unsupported.add(state.unsupported().get(i));
        }
        bins.add(bin);
        if (bins.size() > DesiredStatePart.MAX_PARTS) {
            throw new MessageTooLargeException("desired-state in " + bins.size() + " parts (at most "
                    + DesiredStatePart.MAX_PARTS + ")", encodedSize(state), codec.maxMessageBytes());
        }
        List<ControlPlaneMessage> parts = new ArrayList<>(bins.size());
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            parts.add(new DesiredStatePart(i + 1, bins.size(),
                    state.withContents(b.resources, b.unsupported, i == 0 ? List.copyOf(withheld) : List.of())));
        }
        return new DesiredStateSplit(parts, List.copyOf(withheld));
    }

    /** One part being filled: the frame's fixed bytes plus its items and the commas between them. */
    private static final class Bin {
        private long size;
        private int items;
        private final List<DesiredResource> resources = new ArrayList<>();
        private final List<UnsupportedResource> unsupported = new ArrayList<>();

        Bin(long overhead) {
            this.size = overhead;
        }

        boolean fits(long itemSize, int limit) {
            return size + (items == 0 ? 0 : 1) + itemSize <= limit;
        }

        void add(long itemSize) {
            size += itemSize + (items == 0 ? 0 : 1);
            items++;
        }
    }

    /** A part's bytes without any resource, at the longest part numbers, id and timestamp. */
    private long partOverhead(DesiredState state, List<ResourceKey> withheld) {
        DesiredState empty = state.withContents(List.of(), List.of(), withheld);
        return envelopeSize(new DesiredStatePart(DesiredStatePart.MAX_PARTS, DesiredStatePart.MAX_PARTS, empty));
    }

    private long encodedSize(DesiredState state) {
        return envelopeSize(state);
    }

    private long envelopeSize(ControlPlaneMessage message) {
        Envelope<ControlPlaneMessage> envelope = new Envelope<>(ProtocolVersions.V1, LONGEST_ID, LONGEST_TIMESTAMP,
                message);
        return MessageCodec.utf8Length(unlimited.encode(envelope));
    }

    private static long sizeOf(JsonNode item) {
        return MessageCodec.encodedLength(item);
    }
}
