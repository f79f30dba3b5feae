package io.qdranthybrid.harness.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The web console's static files, read from this package's {@code console/} resources once at start. */
final class ConsoleResources {

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/console.css", "console.css",
            "/console.js", "console.js",
            "/usage.js", "usage.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    record Resource(byte[] content, String contentType) {
    }

    private final Map<String, Resource> byPath;

    ConsoleResources() {
        this.byPath = FILES.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> load(e.getValue())));
    }

    Optional<Resource> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static Resource load(String file) {
        try (InputStream in = ConsoleResources.class.getResourceAsStream("console/" + file)) {
            if (in == null) {
                throw new IllegalStateException("console file " + file + " is missing from the test-harness jar");
            }
            return new Resource(in.readAllBytes(), TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + file, e);
        }
    }
}
