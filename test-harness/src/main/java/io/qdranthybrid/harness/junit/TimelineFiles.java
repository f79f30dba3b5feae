package io.qdranthybrid.harness.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a test's timeline goes: {@code target/hybrid-timelines/<TestClass>/<method>.json}, relative to the working
 * directory (the module, under Maven); the system property {@value #DIRECTORY_PROPERTY} moves the root. Repeated and
 * parameterized invocations get their index appended, so they do not overwrite each other.
 */
final class TimelineFiles {

    static final String DIRECTORY_PROPERTY = "hybrid.timelines.dir";
    private static final String DEFAULT_DIRECTORY = "target/hybrid-timelines";
    private static final String INVOCATION_SEGMENT = "[test-template-invocation:#";

    private TimelineFiles() {
    }

    static Path fileFor(ExtensionContext context) {
        Path root = Path.of(System.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY));
        String method = context.getRequiredTestMethod().getName() + invocationSuffix(context.getUniqueId());
        return root.resolve(context.getRequiredTestClass().getSimpleName()).resolve(method + ".json");
    }

    /** The name a test's timeline, environment and namespace are known by: {@code Class.method}. */
    static String timelineName(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + invocationSuffix(context.getUniqueId());
    }

    /** A DNS label prefix from the test method's name, short enough to leave room for the namespace's suffix. */
    static String namespacePrefix(ExtensionContext context) {
        String name = context.getRequiredTestMethod().getName()
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        name = name.length() > 40 ? name.substring(0, 40) : name;
        name = name.replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "test" : name;
    }

    private static String invocationSuffix(String uniqueId) {
        int at = uniqueId.lastIndexOf(INVOCATION_SEGMENT);
        if (at < 0) {
            return "";
        }
        int end = uniqueId.indexOf(']', at);
        return "-" + uniqueId.substring(at + INVOCATION_SEGMENT.length(), end < 0 ? uniqueId.length() : end);
    }
}
