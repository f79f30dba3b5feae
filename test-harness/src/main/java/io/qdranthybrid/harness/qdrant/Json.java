package io.qdranthybrid.harness.qdrant;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds ordered JSON objects for the REST views. */
final class Json {

    private Json() {
    }

    /** {@code obj("a", 1, "b", 2)} is {@code {"a":1,"b":2}}; values may be null, as Qdrant writes nulls. */
    static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs, got " + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
