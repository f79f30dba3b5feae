package io.qdranthybrid.protocol.message;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Object and namespace names as a Kubernetes API server accepts them. A name read from a message ends up in a request
 * path ({@code .../namespaces/<ns>/<plural>/<name>}), so one that is not a valid name (say
 * {@code ../../secrets/x}) must be refused before any request is made, not left to the API server.
 */
public final class KubernetesNames {

    /** apimachinery/pkg/util/validation/validation.go, IsDNS1123Subdomain: object names of most kinds. */
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_SUBDOMAIN = 253;
    /** apimachinery/pkg/util/validation/validation.go, IsDNS1123Label: namespace names (ValidateNamespaceName). */
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_LABEL = 63;
    private static final int SHOWN = 80;

    private KubernetesNames() {
    }

    /** Why {@code name} is not a valid object name, or empty when it is. */
    public static Optional<String> objectNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("an object name must not be empty");
        }
        if (name.length() > MAX_SUBDOMAIN || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            return Optional.of("'" + shown(name) + "' is not a valid Kubernetes name (a lower-case RFC 1123 "
                    + "subdomain: alphanumerics, '-' and '.', at most " + MAX_SUBDOMAIN + " characters; never '/', "
                    + "'?', '#' or '%')");
        }
        return Optional.empty();
    }

    /** Why {@code namespace} is not a valid namespace name, or empty when it is. */
    public static Optional<String> namespaceProblem(String namespace) {
        if (namespace == null || namespace.length() > MAX_LABEL || !DNS1123_LABEL.matcher(namespace).matches()) {
            return Optional.of("'" + shown(namespace) + "' is not a valid namespace name (a lower-case RFC 1123 "
                    + "label: alphanumerics and '-', at most " + MAX_LABEL + " characters)");
        }
        return Optional.empty();
    }

    /** A name shown in a message: cut short and without control characters, since it came from outside. */
    public static String shown(String name) {
        if (name == null) {
            return "";
        }
        String cut = name.length() > SHOWN ? name.substring(0, SHOWN) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
