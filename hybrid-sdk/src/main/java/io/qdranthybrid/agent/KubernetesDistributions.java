package io.qdranthybrid.agent;

import java.util.Collection;
import java.util.Locale;

/** Guesses the Kubernetes distribution from the server's gitVersion and the nodes' provider IDs. */
public final class KubernetesDistributions {

    private KubernetesDistributions() {
    }

    /** One of the control plane's names (K3S, AWS, GCP, AZURE, OPENSHIFT, ...), or "" when unknown. */
    public static String guess(String gitVersion, Collection<String> providerIds, boolean openShiftApis) {
        if (openShiftApis) {
            return "OPENSHIFT";
        }
        String version = gitVersion == null ? "" : gitVersion.toLowerCase(Locale.ROOT);
        if (version.contains("+k3s")) {
            return "K3S";
        }
        if (version.contains("-eks")) {
            return "AWS";
        }
        if (version.contains("-gke")) {
            return "GCP";
        }
        for (String providerId : providerIds) {
            String id = providerId == null ? "" : providerId.toLowerCase(Locale.ROOT);
            if (id.startsWith("aws://")) {
                return "AWS";
            }
            if (id.startsWith("gce://")) {
                return "GCP";
            }
            if (id.startsWith("azure://")) {
                return "AZURE";
            }
            if (id.startsWith("digitalocean://")) {
                return "DO";
            }
            if (id.startsWith("scaleway://")) {
                return "SCALEWAY";
            }
            if (id.startsWith("linode://")) {
                return "LINODE";
            }
            if (id.startsWith("k3s://")) {
                return "K3S";
            }
        }
        return "";
    }
}
