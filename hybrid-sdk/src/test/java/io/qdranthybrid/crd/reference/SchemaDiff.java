package io.qdranthybrid.crd.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Semantic differences between two CRDs as the API server sees them: descriptions are ignored, {@code required} and
 * {@code enum} compare as sets (their order changes nothing), a printer column's {@code priority: 0} and an empty
 * {@code subresources} equal their absence, numbers compare by value. Each difference is one line: {@code path: ours X, real Y}.
 */
final class SchemaDiff {

    private static final Set<String> SET_VALUED = Set.of("required", "enum");

    private final List<String> differences = new ArrayList<>();

    static List<String> between(JsonNode ours, JsonNode real) {
        SchemaDiff diff = new SchemaDiff();
        diff.compare("", ours, real);
        return diff.differences;
    }

    private void compare(String path, JsonNode ours, JsonNode real) {
        if (ours.isObject() && real.isObject()) {
            Set<String> names = new TreeSet<>();
            ours.fieldNames().forEachRemaining(names::add);
            real.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.equals("description")) {
                    continue;
                }
                String child = path + "." + name;
                JsonNode mine = ours.get(name);
                JsonNode theirs = real.get(name);
                if (isDefault(name, mine) && theirs == null || isDefault(name, theirs) && mine == null) {
                    continue;
                }
                if (mine == null) {
                    differences.add(child + ": ours lacks, real " + shorten(theirs));
                } else if (theirs == null) {
                    differences.add(child + ": ours " + shorten(mine) + ", real lacks");
                } else if (SET_VALUED.contains(name) && mine.isArray() && theirs.isArray()) {
                    if (!asSet(mine).equals(asSet(theirs))) {
                        differences.add(child + ": ours " + asSet(mine) + ", real " + asSet(theirs));
                    }
                } else {
                    compare(child, mine, theirs);
                }
            }
        } else if (ours.isArray() && real.isArray() && ours.size() == real.size()) {
            for (int i = 0; i < ours.size(); i++) {
                compare(path + "[" + i + "]", ours.get(i), real.get(i));
            }
        } else if (ours.isNumber() && real.isNumber()) {
            if (ours.decimalValue().compareTo(real.decimalValue()) != 0) { // 1.0 and 1 are the same bound
                differences.add(path + ": ours " + ours + ", real " + real);
            }
        } else if (!ours.equals(real)) {
            differences.add(path + ": ours " + shorten(ours) + ", real " + shorten(real));
        }
    }

    /** Values the API server defaults, so that stating them or not is the same CRD. */
    private static boolean isDefault(String name, JsonNode value) {
        return value != null && (name.equals("priority") && value.isInt() && value.intValue() == 0
                || name.equals("subresources") && value.isObject() && value.isEmpty());
    }

    private static Set<String> asSet(JsonNode array) {
        Set<String> values = new TreeSet<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            values.add(it.next().toString());
        }
        return values;
    }

    private static String shorten(JsonNode value) {
        String text = value.toString();
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }
}
