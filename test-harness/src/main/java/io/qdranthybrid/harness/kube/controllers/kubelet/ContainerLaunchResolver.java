package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.qdranthybrid.harness.runtime.ContainerLaunch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves what a container sees, the way the kubelet does before starting it: environment from
 * literals, Secrets, ConfigMaps and the downward API; files of ConfigMap and Secret volumes; and the
 * handles of bound persistent volumes. Missing references block the start with the kubelet's reason.
 */
final class ContainerLaunchResolver {

    /** Where the resolver reads referenced objects from. */
    interface Sources {
        Optional<Secret> secret(String namespace, String name);

        Optional<ConfigMap> configMap(String namespace, String name);

        Optional<PersistentVolumeClaim> claim(String namespace, String name);

        Optional<PersistentVolume> volume(String name);
    }

    static final String POD_IP = "127.0.0.1";
    private static final Pattern FIELD_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");
    private static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private final Sources sources;

    ContainerLaunchResolver(Sources sources) {
        this.sources = sources;
    }

    /** Thrown inside resolution when a reference cannot be satisfied yet. */
    private static final class BlockedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        BlockedException(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    LaunchResolution resolve(Pod pod, Container container, int restartCount) {
        try {
            Map<String, String> volumes = volumeHandles(pod, container);
            Map<String, String> env = env(pod, container);
            Map<String, String> files = files(pod, container);
            List<String> args = new ArrayList<>();
            if (container.getCommand() != null) {
                container.getCommand().forEach(arg -> args.add(expand(arg, env)));
            }
            if (container.getArgs() != null) {
                container.getArgs().forEach(arg -> args.add(expand(arg, env)));
            }
            var meta = pod.getMetadata();
            return new LaunchResolution.Resolved(new ContainerLaunch(meta.getNamespace(), meta.getName(),
                    meta.getUid() == null ? "" : meta.getUid(),
                    meta.getLabels() == null ? Map.of() : meta.getLabels(), container.getImage(), args, env, files,
                    volumes, restartCount));
        } catch (BlockedException e) {
            return new LaunchResolution.Blocked(e.reason, e.getMessage());
        }
    }

    /** Every claim of the pod must be bound before any container starts, as the kubelet waits for all mounts. */
    private Map<String, String> volumeHandles(Pod pod, Container container) throws BlockedException {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> handleByVolume = new LinkedHashMap<>();
        List<String> unbound = new ArrayList<>();
        String firstProblem = null;
        for (Volume volume : volumes(pod)) {
            if (volume.getPersistentVolumeClaim() == null) {
                continue;
            }
            String claimName = volume.getPersistentVolumeClaim().getClaimName();
            Optional<PersistentVolumeClaim> claim = sources.claim(namespace, claimName);
            if (claim.isEmpty()) {
                unbound.add(volume.getName());
                firstProblem = firstProblem != null ? firstProblem
                        : "persistentvolumeclaim \"" + claimName + "\" not found";
                continue;
            }
            String volumeName = claim.get().getSpec() == null ? null : claim.get().getSpec().getVolumeName();
            boolean bound = claim.get().getStatus() != null && "Bound".equals(claim.get().getStatus().getPhase());
            Optional<PersistentVolume> pv = volumeName == null ? Optional.empty() : sources.volume(volumeName);
            if (!bound || pv.isEmpty()) {
                unbound.add(volume.getName());
                firstProblem = firstProblem != null ? firstProblem
                        : "persistentvolumeclaim \"" + claimName + "\" is not bound";
                continue;
            }
            var csi = pv.get().getSpec() == null ? null : pv.get().getSpec().getCsi();
            handleByVolume.put(volume.getName(), csi != null && csi.getVolumeHandle() != null
                    ? csi.getVolumeHandle() : pv.get().getMetadata().getName());
        }
        if (!unbound.isEmpty()) {
            throw new BlockedException("ContainerCreating", "Unable to attach or mount volumes: unmounted volumes="
                    + unbound + ": " + firstProblem);
        }
        Map<String, String> handles = new LinkedHashMap<>();
        for (VolumeMount mount : mounts(container)) {
            String handle = handleByVolume.get(mount.getName());
            if (handle != null) {
                handles.put(mount.getMountPath(), handle);
            }
        }
        return handles;
    }

    private Map<String, String> env(Pod pod, Container container) throws BlockedException {
        Map<String, String> env = new LinkedHashMap<>();
        String namespace = pod.getMetadata().getNamespace();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource source : container.getEnvFrom()) {
                String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                if (source.getConfigMapRef() != null) {
                    var ref = source.getConfigMapRef();
                    configMapKeys(namespace, ref.getName()).all(Boolean.TRUE.equals(ref.getOptional()))
                            .forEach((k, v) -> env.put(prefix + k, v));
                }
                if (source.getSecretRef() != null) {
                    var ref = source.getSecretRef();
                    secretKeys(namespace, ref.getName()).all(Boolean.TRUE.equals(ref.getOptional()))
                            .forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                if (var.getValueFrom() == null) {
                    env.put(var.getName(), expand(var.getValue() == null ? "" : var.getValue(), env));
                } else {
                    Optional<String> value = valueFrom(pod, container, var.getValueFrom());
                    if (value.isPresent()) {
                        env.put(var.getName(), value.get());
                    }
                }
            }
        }
        return env;
    }

    private Optional<String> valueFrom(Pod pod, Container container, EnvVarSource source) throws BlockedException {
        String namespace = pod.getMetadata().getNamespace();
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            return secretKeys(namespace, ref.getName()).value(ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
        }
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            return configMapKeys(namespace, ref.getName()).value(ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
        }
        if (source.getFieldRef() != null) {
            return Optional.of(fieldValue(pod, source.getFieldRef().getFieldPath()));
        }
        if (source.getResourceFieldRef() != null) {
            return Optional.of(resourceValue(container, source.getResourceFieldRef().getResource(),
                    source.getResourceFieldRef().getDivisor()));
        }
        throw configError("env var source of container " + container.getName() + " names no source");
    }

    /** The keys of a Secret or ConfigMap an env var refers to; {@code data} is empty when it does not exist. */
    private record KeySource(String kind, String namespace, String name, Optional<Map<String, String>> data) {

        Map<String, String> all(boolean optional) throws BlockedException {
            if (data.isEmpty()) {
                if (optional) {
                    return Map.of();
                }
                throw configError(kind.toLowerCase(Locale.ROOT) + " \"" + name + "\" not found");
            }
            return data.get();
        }

        Optional<String> value(String key, boolean optional) throws BlockedException {
            String value = all(optional).get(key);
            if (value == null && !optional) {
                throw configError("couldn't find key " + key + " in " + kind + " " + namespace + "/" + name);
            }
            return Optional.ofNullable(value);
        }
    }

    private KeySource secretKeys(String namespace, String name) {
        return new KeySource("Secret", namespace, name,
                sources.secret(namespace, name).map(ContainerLaunchResolver::secretData));
    }

    private KeySource configMapKeys(String namespace, String name) {
        return new KeySource("ConfigMap", namespace, name,
                sources.configMap(namespace, name).map(ContainerLaunchResolver::configMapData));
    }

    private static String fieldValue(Pod pod, String path) throws BlockedException {
        var meta = pod.getMetadata();
        switch (path) {
            case "metadata.name":
                return meta.getName();
            case "metadata.namespace":
                return meta.getNamespace();
            case "metadata.uid":
                return meta.getUid() == null ? "" : meta.getUid();
            case "spec.nodeName":
                return pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
            case "spec.serviceAccountName":
                return pod.getSpec().getServiceAccountName() == null ? "" : pod.getSpec().getServiceAccountName();
            case "status.podIP":
            case "status.hostIP":
            case "status.podIPs":
            case "status.hostIPs":
                return POD_IP;
            case "metadata.labels":
                return formatMap(meta.getLabels());
            case "metadata.annotations":
                return formatMap(meta.getAnnotations());
            default:
                Matcher matcher = FIELD_KEY.matcher(path);
                if (matcher.matches()) {
                    Map<String, String> map = "labels".equals(matcher.group(1)) ? meta.getLabels() : meta.getAnnotations();
                    return map == null ? "" : map.getOrDefault(matcher.group(2), "");
                }
                throw configError("unsupported fieldRef path " + path);
        }
    }

    private static String formatMap(Map<String, String> map) {
        if (map == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(e.getKey()).append("=\"").append(e.getValue()).append('"');
        });
        return out.toString();
    }

    private static String resourceValue(Container container, String resource, Quantity divisor) throws BlockedException {
        String[] parts = resource.split("\\.", 2);
        if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests"))) {
            throw configError("unsupported resourceFieldRef " + resource);
        }
        var resources = container.getResources();
        Map<String, Quantity> values = resources == null ? null
                : parts[0].equals("limits") ? resources.getLimits() : resources.getRequests();
        Quantity quantity = values == null ? null : values.get(parts[1]);
        if (quantity == null) {
            return "0";
        }
        BigDecimal by = divisor == null ? BigDecimal.ONE : divisor.getNumericalAmount();
        return quantity.getNumericalAmount().divide(by, 0, RoundingMode.CEILING).toPlainString();
    }

    private Map<String, String> files(Pod pod, Container container) throws BlockedException {
        Map<String, String> files = new LinkedHashMap<>();
        String namespace = pod.getMetadata().getNamespace();
        for (VolumeMount mount : mounts(container)) {
            Optional<Volume> volume = volumes(pod).stream().filter(v -> v.getName().equals(mount.getName())).findFirst();
            if (volume.isEmpty()) {
                throw configError("volume mount " + mount.getName() + " of container " + container.getName()
                        + " names no volume of the pod");
            }
            Map<String, String> content = projected(namespace, volume.get());
            if (content == null) {
                continue;
            }
            String mountPath = stripTrailingSlash(mount.getMountPath());
            String subPath = mount.getSubPath();
            if (subPath != null && !subPath.isEmpty()) {
                String value = content.get(subPath);
                if (value != null) {
                    files.put(mountPath, value);
                }
            } else {
                content.forEach((relative, value) -> files.put(mountPath + "/" + relative, value));
            }
        }
        return files;
    }

    /** Relative path to content of a ConfigMap or Secret volume; null for other kinds of volume. */
    private Map<String, String> projected(String namespace, Volume volume) throws BlockedException {
        if (volume.getConfigMap() != null) {
            var source = volume.getConfigMap();
            Optional<ConfigMap> map = sources.configMap(namespace, source.getName());
            if (map.isEmpty()) {
                if (Boolean.TRUE.equals(source.getOptional())) {
                    return Map.of();
                }
                throw new BlockedException("ContainerCreating", "MountVolume.SetUp failed for volume \""
                        + volume.getName() + "\" : configmap \"" + source.getName() + "\" not found");
            }
            return select(configMapData(map.get()), source.getItems(), "ConfigMap", source.getName());
        }
        if (volume.getSecret() != null) {
            var source = volume.getSecret();
            Optional<Secret> secret = sources.secret(namespace, source.getSecretName());
            if (secret.isEmpty()) {
                if (Boolean.TRUE.equals(source.getOptional())) {
                    return Map.of();
                }
                throw new BlockedException("ContainerCreating", "MountVolume.SetUp failed for volume \""
                        + volume.getName() + "\" : secret \"" + source.getSecretName() + "\" not found");
            }
            return select(secretData(secret.get()), source.getItems(), "Secret", source.getSecretName());
        }
        if (volume.getProjected() != null && volume.getProjected().getSources() != null) {
            // A projected volume merges the files of its Secret and ConfigMap sources into one directory
            // (https://kubernetes.io/docs/concepts/storage/projected-volumes/); other kinds of source are not simulated.
            Map<String, String> merged = new LinkedHashMap<>();
            for (var source : volume.getProjected().getSources()) {
                if (source.getSecret() != null) {
                    Optional<Secret> secret = sources.secret(namespace, source.getSecret().getName());
                    if (secret.isEmpty()) {
                        if (Boolean.TRUE.equals(source.getSecret().getOptional())) {
                            continue;
                        }
                        throw new BlockedException("ContainerCreating", "MountVolume.SetUp failed for volume \""
                                + volume.getName() + "\" : secret \"" + source.getSecret().getName() + "\" not found");
                    }
                    merged.putAll(select(secretData(secret.get()), source.getSecret().getItems(), "Secret",
                            source.getSecret().getName()));
                } else if (source.getConfigMap() != null) {
                    Optional<ConfigMap> map = sources.configMap(namespace, source.getConfigMap().getName());
                    if (map.isEmpty()) {
                        if (Boolean.TRUE.equals(source.getConfigMap().getOptional())) {
                            continue;
                        }
                        throw new BlockedException("ContainerCreating", "MountVolume.SetUp failed for volume \""
                                + volume.getName() + "\" : configmap \"" + source.getConfigMap().getName() + "\" not found");
                    }
                    merged.putAll(select(configMapData(map.get()), source.getConfigMap().getItems(), "ConfigMap",
                            source.getConfigMap().getName()));
                }
            }
            return merged;
        }
        return null;
    }

    private static Map<String, String> select(Map<String, String> data, List<KeyToPath> items, String kind,
            String name) throws BlockedException {
        if (items == null || items.isEmpty()) {
            return data;
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (KeyToPath item : items) {
            String value = data.get(item.getKey());
            if (value == null) {
                throw new BlockedException("ContainerCreating", "configuration of " + kind + " " + name
                        + " has no key " + item.getKey());
            }
            selected.put(item.getPath(), value);
        }
        return selected;
    }

    private static Map<String, String> configMapData(ConfigMap map) {
        Map<String, String> data = new LinkedHashMap<>();
        if (map.getBinaryData() != null) {
            map.getBinaryData().forEach((k, v) -> data.put(k, decode(v)));
        }
        if (map.getData() != null) {
            data.putAll(map.getData());
        }
        return data;
    }

    /** Secret values; stringData is honoured too because the CRUD mock server stores it without merging. */
    private static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, decode(v)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String expand(String value, Map<String, String> env) {
        Matcher matcher = VAR_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = env.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static BlockedException configError(String message) {
        return new BlockedException("CreateContainerConfigError", message);
    }

    private static List<Volume> volumes(Pod pod) {
        return pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    }

    private static List<VolumeMount> mounts(Container container) {
        return container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
