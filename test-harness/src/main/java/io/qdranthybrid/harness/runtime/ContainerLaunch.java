package io.qdranthybrid.harness.runtime;

import java.util.List;
import java.util.Map;

/**
 * Everything a container sees when it starts, already resolved by the kubelet the way a real one
 * does: env values from Secrets/ConfigMaps/fieldRefs, files projected from ConfigMap and Secret
 * volumes, and the handles of the persistent volumes mounted into it.
 *
 * @param namespace   the pod's namespace
 * @param podName     the pod's name (stable across restarts of a StatefulSet ordinal)
 * @param podUid      the pod's uid (changes when the pod is recreated)
 * @param podLabels   the pod's labels
 * @param image       the container image, e.g. {@code qdrant/qdrant:v1.12.3}
 * @param args        the container's command followed by its args, as written in the pod spec
 * @param env         resolved environment variables
 * @param files       absolute path to content, for every file of a mounted ConfigMap or Secret volume
 * @param volumes     mount path to the volume handle of the bound PersistentVolume mounted there
 * @param restartCount how many times this container was restarted in this pod before this start
 */
public record ContainerLaunch(
        String namespace,
        String podName,
        String podUid,
        Map<String, String> podLabels,
        String image,
        List<String> args,
        Map<String, String> env,
        Map<String, String> files,
        Map<String, String> volumes,
        int restartCount) {

    public ContainerLaunch {
        podLabels = Map.copyOf(podLabels);
        args = List.copyOf(args);
        env = Map.copyOf(env);
        files = Map.copyOf(files);
        volumes = Map.copyOf(volumes);
    }
}
