package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;

/**
 * A volume resize the API server refused because the claim's StorageClass does not allow expansion, and how the claim
 * remembers it. The message is the PersistentVolumeClaimResize admission plugin's
 * (plugin/pkg/admission/storage/persistentvolume/resize/admission.go).
 */
final class ClaimResizeRefusal {

    /** On a PVC: the size a resize to was refused by its StorageClass. */
    static final String ANNOTATION = "qdranthybrid.io/resize-refused";

    private static final String ADMISSION_MESSAGE = "the storageclass that provisions the pvc must support resize";

    private ClaimResizeRefusal() {
    }

    static boolean isRefusedByStorageClass(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN && message != null && message.contains(ADMISSION_MESSAGE);
    }
}
