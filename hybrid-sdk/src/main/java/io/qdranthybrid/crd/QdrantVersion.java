package io.qdranthybrid.crd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Qdrant release version as written in {@code spec.version}: {@code vMAJOR.MINOR.PATCH}. Storage
 * compatibility is only guaranteed across one minor version, which is why upgrades step minor by minor.
 */
public record QdrantVersion(int major, int minor, int patch) implements Comparable<QdrantVersion> {

    private static final Pattern FORMAT = Pattern.compile("^v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$");

    public QdrantVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative: " + major + "." + minor + "." + patch);
        }
    }

    /** Parses {@code v1.12.3}; empty when the text is not of that form. */
    public static Optional<QdrantVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QdrantVersion(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** True when going from this version to {@code target} crosses more than one minor version (or a major). */
    public boolean skipsMinorVersionTo(QdrantVersion target) {
        if (target.major != major) {
            return true;
        }
        return target.minor > minor + 1;
    }

    /**
     * True when {@code target} is on an older minor (or major) version. Qdrant storage is not backward compatible:
     * data written by a newer minor version may not load on an older one. A patch downgrade keeps the storage format.
     */
    public boolean downgradesMinorVersionTo(QdrantVersion target) {
        return target.major < major || (target.major == major && target.minor < minor);
    }

    @Override
    public int compareTo(QdrantVersion other) {
        if (major != other.major) {
            return Integer.compare(major, other.major);
        }
        if (minor != other.minor) {
            return Integer.compare(minor, other.minor);
        }
        return Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
