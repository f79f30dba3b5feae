package io.qdranthybrid.harness.kube.controllers.kubelet;

import java.util.Locale;
import java.util.Optional;

/**
 * Which images the simulated nodes can pull. Every image is present except those of a registry under the reserved
 * top-level domain {@code .invalid} (RFC 2606: it never resolves), whose pull fails the way containerd reports a
 * registry it cannot resolve, so a test makes an image unpullable by naming such a registry
 * ({@code registry.invalid/qdrant/qdrant}).
 */
final class ImagePulls {

    private ImagePulls() {
    }

    /**
     * The runtime's error for pulling {@code image}, as the kubelet puts it in the ErrImagePull waiting message
     * (kubelet pkg/kubelet/images/image_manager.go wraps the CRI error; containerd's resolver names the request).
     */
    static Optional<String> pullError(String image) {
        if (image == null) {
            return Optional.empty();
        }
        int slash = image.indexOf('/');
        String host = slash < 0 ? "" : image.substring(0, slash);
        boolean hasRegistry = host.contains(".") || host.contains(":") || host.equals("localhost");
        String hostname = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        if (!hasRegistry || !hostname.toLowerCase(Locale.ROOT).endsWith(".invalid")) {
            return Optional.empty();
        }
        String rest = image.substring(slash + 1);
        int colon = rest.lastIndexOf(':');
        String repository = colon < 0 ? rest : rest.substring(0, colon);
        String tag = colon < 0 ? "latest" : rest.substring(colon + 1);
        return Optional.of("rpc error: code = Unknown desc = failed to pull and unpack image \"" + image
                + "\": failed to resolve reference \"" + image + "\": failed to do request: Head \"https://" + host
                + "/v2/" + repository + "/manifests/" + tag + "\": dial tcp: lookup " + hostname + ": no such host");
    }

    /** The ImagePullBackOff message while the kubelet waits to try again (image_manager.go). */
    static String backOffMessage(String image) {
        return "Back-off pulling image \"" + image + "\"";
    }
}
