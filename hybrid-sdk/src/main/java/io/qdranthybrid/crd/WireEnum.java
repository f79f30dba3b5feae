package io.qdranthybrid.crd;

/**
 * An enum of the qdrant.io/v1 API whose constants are written in manifests as {@link #wireValue()}.
 *
 * <p>The models store such fields as the text of the manifest, not as the enum: another version of the
 * operator writes values this one does not know (an old phase such as {@code Restarting}, a new
 * {@code rebalanceStrategy}), and one such object must neither fail a read, a list or a watch nor lose the value
 * when written back. The typed getters translate with {@link #fromWire}.
 */
public interface WireEnum {

    /** The value as written in manifests. */
    String wireValue();

    /** The constant written as {@code wireValue}; null when absent or not known to this version. */
    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String wireValue) {
        if (wireValue == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.wireValue().equals(wireValue)) {
                return constant;
            }
        }
        return null;
    }

    /** The text to store for {@code value}; null for null. */
    static String toWire(WireEnum value) {
        return value == null ? null : value.wireValue();
    }
}
