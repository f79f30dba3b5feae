package io.qdranthybrid.crd.validation;

import io.qdranthybrid.crd.AdditionalVolumeClaimTemplate;
import io.qdranthybrid.crd.Gpu;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.crd.ResourceRequests;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.crd.Storage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a QdrantCluster spec for what the CRD schema cannot express (an id usable in object names, version steps,
 * storage that only grows, requests within limits, iops with throughput). Returns every violation at once, each
 * naming the field and what to do, so a user fixes a manifest in one round instead of many. It also checks the
 * schema's required fields, size bounds and GPU type, with messages that say what to write: the control plane
 * validates a request before any API server sees it.
 */
public final class QdrantClusterValidator {

    /** Longest id for which {@code qdrant-headless-<id>} still fits the 63-character Service name limit. */
    static final int MAX_ID_LENGTH = 63 - "qdrant-headless-".length();
    static final int MIN_SIZE = 1;
    static final int MAX_SIZE = 100;

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    /** Validates a spec on its own, as for a create. */
    public List<Violation> validate(QdrantClusterSpec spec) {
        List<Violation> violations = new ArrayList<>();
        if (spec == null) {
            violations.add(new Violation("spec", "is required"));
            return violations;
        }
        checkId(spec.getId(), violations);
        checkVersionFormat(spec.getVersion(), violations);
        checkSize(spec.getSize(), violations);
        checkResources(spec.getResources(), violations);
        checkStorage(spec.getStorage(), violations);
        checkGpu(spec.getGpu(), violations);
        if (spec.getStartupDelaySeconds() != null && spec.getStartupDelaySeconds() < 0) {
            violations.add(new Violation("spec.startupDelaySeconds",
                    "must not be negative, got " + spec.getStartupDelaySeconds()));
        }
        return violations;
    }

    /**
     * Validates a change from {@code previous} (the spec last applied) to {@code updated}: everything
     * {@link #validate} checks plus the rules about transitions.
     */
    public List<Violation> validateUpdate(QdrantClusterSpec previous, QdrantClusterSpec updated) {
        List<Violation> violations = validate(updated);
        if (previous == null || updated == null) {
            return violations;
        }
        checkStorageDoesNotShrink(previous.getResources(), updated.getResources(), violations);
        checkVersionStep(previous.getVersion(), updated.getVersion(), violations);
        return violations;
    }

    private static void checkId(String id, List<Violation> violations) {
        if (id == null || id.isBlank()) {
            violations.add(new Violation("spec.id", "is required"));
        } else if (!DNS_LABEL.matcher(id).matches()) {
            violations.add(new Violation("spec.id", "'" + id + "' must consist of lower case letters, digits and '-',"
                    + " and start and end with a letter or digit, because it names Kubernetes objects (qdrant-<id>)"));
        } else if (id.length() > MAX_ID_LENGTH) {
            violations.add(new Violation("spec.id", "is " + id.length() + " characters long; at most " + MAX_ID_LENGTH
                    + " fit, so that qdrant-headless-<id> stays within the 63-character limit of a Service name"));
        }
    }

    private static void checkVersionFormat(String version, List<Violation> violations) {
        if (version == null || version.isBlank()) {
            violations.add(new Violation("spec.version", "is required, e.g. v1.12.3"));
        } else if (QdrantVersion.parse(version).isEmpty()) {
            violations.add(new Violation("spec.version", "'" + version + "' is not of the form vX.Y.Z, e.g. v1.12.3"));
        }
    }

    private static void checkSize(Integer size, List<Violation> violations) {
        if (size == null) {
            violations.add(new Violation("spec.size", "is required: the number of Qdrant nodes"));
        } else if (size < MIN_SIZE) {
            violations.add(new Violation("spec.size", "size " + size + " is below the minimum " + MIN_SIZE));
        } else if (size > MAX_SIZE) {
            violations.add(new Violation("spec.size", "size " + size + " is above the maximum " + MAX_SIZE));
        }
    }

    private static void checkResources(Resources resources, List<Violation> violations) {
        if (resources == null) {
            return;
        }
        Optional<BigDecimal> cpu = positiveQuantity("spec.resources.cpu", resources.getCpu(), "500m or 2", violations);
        Optional<BigDecimal> memory = positiveQuantity("spec.resources.memory", resources.getMemory(), "8Gi", violations);
        positiveQuantity("spec.resources.storage", resources.getStorage(), "50Gi", violations);
        ResourceRequests requests = resources.getRequests();
        if (requests == null) {
            return;
        }
        Optional<BigDecimal> cpuRequest =
                positiveQuantity("spec.resources.requests.cpu", requests.getCpu(), "500m or 2", violations);
        Optional<BigDecimal> memoryRequest =
                positiveQuantity("spec.resources.requests.memory", requests.getMemory(), "8Gi", violations);
        checkRequestWithinLimit("cpu", cpuRequest, requests.getCpu(), cpu, resources.getCpu(), violations);
        checkRequestWithinLimit("memory", memoryRequest, requests.getMemory(), memory, resources.getMemory(), violations);
    }

    private static Optional<BigDecimal> positiveQuantity(
            String field, String text, String example, List<Violation> violations) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<BigDecimal> parsed = KubernetesQuantity.parse(text);
        if (parsed.isEmpty()) {
            violations.add(new Violation(field, "'" + text + "' is not a Kubernetes quantity, e.g. " + example));
        } else if (parsed.get().signum() <= 0) {
            violations.add(new Violation(field, "must be greater than zero, got '" + text + "'"));
            return Optional.empty();
        }
        return parsed;
    }

    private static void checkRequestWithinLimit(String resource, Optional<BigDecimal> request, String requestText,
                                                Optional<BigDecimal> limit, String limitText,
                                                List<Violation> violations) {
        if (request.isPresent() && limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
            violations.add(new Violation("spec.resources.requests." + resource, "request " + requestText
                    + " exceeds the limit spec.resources." + resource + " " + limitText
                    + "; Kubernetes refuses a pod whose request is above its limit"));
        }
    }

    private static void checkStorage(Storage storage, List<Violation> violations) {
        if (storage == null) {
            return;
        }
        boolean iops = storage.getIops() != null;
        boolean throughput = storage.getThroughput() != null;
        if (iops && !throughput) {
            violations.add(new Violation("spec.storage.throughput", "is required when spec.storage.iops is set"));
        }
        if (throughput && !iops) {
            violations.add(new Violation("spec.storage.iops", "is required when spec.storage.throughput is set"));
        }
        if (storage.getVolumeAttributesClassName() != null && (iops || throughput)) {
            violations.add(new Violation("spec.storage.volumeAttributesClassName",
                    "cannot be combined with spec.storage.iops or spec.storage.throughput;"
                            + " set the performance in the VolumeAttributesClass or remove it"));
        }
        if (storage.getAdditionalVolumeClaimTemplates() != null) {
            // the real CRD accepts a template without a name, but a StatefulSet's claim template needs one
            List<AdditionalVolumeClaimTemplate> templates = storage.getAdditionalVolumeClaimTemplates();
            for (int i = 0; i < templates.size(); i++) {
                AdditionalVolumeClaimTemplate template = templates.get(i);
                if (template == null || template.getMetadata() == null || template.getMetadata().getName() == null
                        || template.getMetadata().getName().isBlank()) {
                    violations.add(new Violation("spec.storage.additionalVolumeClaimTemplates[" + i + "].metadata.name",
                            "is required: it names the volume claim of each node (mount it by that name)"));
                }
            }
        }
        if (iops && storage.getIops() <= 0) {
            violations.add(new Violation("spec.storage.iops", "must be greater than zero, got " + storage.getIops()));
        }
        if (throughput && storage.getThroughput() <= 0) {
            violations.add(new Violation("spec.storage.throughput",
                    "must be greater than zero, got " + storage.getThroughput()));
        }
    }

    private static void checkGpu(Gpu gpu, List<Violation> violations) {
        if (gpu == null || gpu.getGpuType() != null) {
            return;
        }
        if (gpu.rawGpuType() == null) {
            violations.add(new Violation("spec.gpu.gpuType", "is required when spec.gpu is set (nvidia or amd)"));
        } else {
            violations.add(new Violation("spec.gpu.gpuType",
                    "'" + gpu.rawGpuType() + "' is not a GPU type this operator supports (nvidia or amd)"));
        }
    }

    private static void checkStorageDoesNotShrink(Resources previous, Resources updated, List<Violation> violations) {
        if (previous == null || updated == null || previous.getStorage() == null || updated.getStorage() == null) {
            return;
        }
        Optional<BigDecimal> before = KubernetesQuantity.parse(previous.getStorage());
        Optional<BigDecimal> after = KubernetesQuantity.parse(updated.getStorage());
        if (before.isPresent() && after.isPresent() && after.get().compareTo(before.get()) < 0) {
            violations.add(new Violation("spec.resources.storage", "cannot shrink from " + previous.getStorage()
                    + " to " + updated.getStorage() + ": volumes can only grow"));
        }
    }

    private static void checkVersionStep(String previous, String updated, List<Violation> violations) {
        Optional<QdrantVersion> from = QdrantVersion.parse(previous);
        Optional<QdrantVersion> to = QdrantVersion.parse(updated);
        if (from.isEmpty() || to.isEmpty()) {
            return;
        }
        QdrantVersion current = from.get();
        QdrantVersion target = to.get();
        if (current.downgradesMinorVersionTo(target)) {
            violations.add(new Violation("spec.version", "downgrading from " + current + " to " + target
                    + " is not supported: Qdrant storage is not backward compatible, so data written by " + current
                    + " may not load on " + target + "; stay on v" + current.major() + "." + current.minor()
                    + ".x or restore a backup taken on v" + target.major() + "." + target.minor() + ".x"));
        } else if (current.skipsMinorVersionTo(target)) {
            String next = current.major() == target.major()
                    ? "upgrade to a v" + current.major() + "." + (current.minor() + 1) + ".x release first"
                    : "changing the major version is not supported";
            violations.add(new Violation("spec.version", "upgrading from " + current + " to " + target
                    + " skips a minor version, which Qdrant's storage does not support; " + next));
        }
    }
}
