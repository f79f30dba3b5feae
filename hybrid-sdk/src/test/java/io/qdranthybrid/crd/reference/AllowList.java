package io.qdranthybrid.crd.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The known differences between our CRDs and the real ones, each with its reason, read from
 * {@code crd-reference-differences.txt}: one entry per line, {@code <crd name> <path prefix> -- <reason>}. An entry
 * covers every difference at or below its path.
 */
record AllowList(List<Entry> entries) {

    record Entry(String crd, String path, String reason) {
        boolean covers(String crdName, String difference) {
            String differencePath = difference.substring(0, difference.indexOf(':'));
            return crd.equals(crdName) && (differencePath.equals(path) || differencePath.startsWith(path + ".")
                    || differencePath.startsWith(path + "["));
        }
    }

    static AllowList load() throws IOException {
        try (InputStream in = AllowList.class.getResourceAsStream("/crd-reference-differences.txt")) {
            if (in == null) {
                throw new IllegalStateException("crd-reference-differences.txt is missing from the test resources");
            }
            List<Entry> entries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int separator = trimmed.indexOf(" -- ");
                if (separator < 0) {
                    throw new IllegalStateException("allow-list entry without ' -- <reason>': " + line);
                }
                String[] target = trimmed.substring(0, separator).strip().split("\\s+");
                if (target.length != 2) {
                    throw new IllegalStateException("allow-list entry is not '<crd> <path> -- <reason>': " + line);
                }
                entries.add(new Entry(target[0], target[1], trimmed.substring(separator + 4).strip()));
            }
            return new AllowList(List.copyOf(entries));
        }
    }

    boolean covers(String crdName, String difference) {
        return entries.stream().anyMatch(entry -> entry.covers(crdName, difference));
    }
}
