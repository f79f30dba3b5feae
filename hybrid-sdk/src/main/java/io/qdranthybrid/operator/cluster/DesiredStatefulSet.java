package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.qdranthybrid.crd.AdditionalVolumeClaimTemplate;
import io.qdranthybrid.crd.GpuType;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.crd.ServiceConfig;
import io.qdranthybrid.crd.TlsConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.GRPC_PORT;
import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.HTTP_PORT;
import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.P2P_PORT;

/**
 * The StatefulSet {@code qdrant-<id>}: one pod per Qdrant node, two volumes per node. Its update strategy is
 * OnDelete because the operator, not the StatefulSet controller, decides when each pod may restart: only
 * after the previous one is ready and back in consensus.
 */
public final class DesiredStatefulSet {

    /** Pod-template annotation holding the checksum of production.yaml; a config change rolls the pods. */
    public static final String CONFIG_CHECKSUM = "qdranthybrid.io/config-checksum";
    /** Pod-template annotation copied from the cluster's {@code restartedAt}; changing it rolls the pods. */
    public static final String RESTARTED_AT = "qdranthybrid.io/restarted-at";
    public static final String CONTAINER = "qdrant";
    /** Storage size used when the cluster does not set {@code resources.storage}. */
    public static final String DEFAULT_STORAGE = "10Gi";

    private DesiredStatefulSet() {
    }

    public static StatefulSet build(ClusterContext ctx) {
        ClusterNames names = ctx.names();
        QdrantClusterSpec spec = ctx.spec();
        Map<String, String> podLabels = new LinkedHashMap<>();
        if (spec.getStatefulSet() != null && spec.getStatefulSet().getPods() != null
                && spec.getStatefulSet().getPods().getLabels() != null) {
            podLabels.putAll(spec.getStatefulSet().getPods().getLabels());
        }
        podLabels.putAll(names.labels());

        return new StatefulSetBuilder()
                .withNewMetadata()
                    .withName(names.statefulSet())
                    .withNamespace(ctx.namespace())
                    .withLabels(names.labels())
                    .withAnnotations(spec.getStatefulSet() == null ? null : spec.getStatefulSet().getAnnotations())
                    .withOwnerReferences(ctx.ownerReference())
                .endMetadata()
                .withNewSpec()
                    .withReplicas(ctx.replicas())
                    .withServiceName(names.headlessService())
                    .withPodManagementPolicy("Parallel")
                    .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                    .withNewPersistentVolumeClaimRetentionPolicy()
                        .withWhenDeleted("Retain").withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .withNewSelector().withMatchLabels(names.selector()).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(podLabels)
                            .withAnnotations(podAnnotations(ctx))
                        .endMetadata()
                        .withNewSpec()
                            .withContainers(container(ctx))
                            .withVolumes(volumes(ctx))
                            .withImagePullSecrets(pullSecrets(spec))
                            .withSecurityContext(podSecurity(spec))
                            .withTolerations(spec.getTolerations())
                            .withNodeSelector(spec.getNodeSelector())
                            .withTopologySpreadConstraints(spec.getTopologySpreadConstraints() != null
                                    ? spec.getTopologySpreadConstraints()
                                    : ctx.defaults().defaultTopologySpread(names))
                            .withTerminationGracePeriodSeconds(60L)
                        .endSpec()
                    .endTemplate()
                    .withVolumeClaimTemplates(claimTemplates(ctx))
                .endSpec()
                .build();
    }

    /** The image for a version, with the GPU flavour Qdrant publishes for GPU indexing. */
    public static String image(ClusterContext ctx) {
        QdrantClusterSpec spec = ctx.spec();
        String repository = spec.getImage() != null && spec.getImage().getRepository() != null
                ? spec.getImage().getRepository() : ctx.defaults().imageRepository();
        String suffix = "";
        if (spec.getGpu() != null && spec.getGpu().getGpuType() != null) {
            suffix = spec.getGpu().getGpuType() == GpuType.AMD ? "-gpu-amd" : "-gpu-nvidia";
        }
        return repository + ":" + ctx.runningVersion() + suffix;
    }

    private static Map<String, String> podAnnotations(ClusterContext ctx) {
        Map<String, String> annotations = new LinkedHashMap<>();
        QdrantClusterSpec spec = ctx.spec();
        if (spec.getStatefulSet() != null && spec.getStatefulSet().getPods() != null
                && spec.getStatefulSet().getPods().getAnnotations() != null) {
            annotations.putAll(spec.getStatefulSet().getPods().getAnnotations());
        }
        annotations.put(CONFIG_CHECKSUM, QdrantConfigRenderer.checksum(QdrantConfigRenderer.render(spec)));
        Map<String, String> clusterAnnotations = ctx.cluster().getMetadata().getAnnotations();
        if (clusterAnnotations != null && clusterAnnotations.get(QdrantApi.Annotations.RESTARTED_AT) != null) {
            annotations.put(RESTARTED_AT, clusterAnnotations.get(QdrantApi.Annotations.RESTARTED_AT));
        }
        return annotations;
    }

    static final long DEFAULT_USER = 1000;
    static final long DEFAULT_GROUP = 2000;
    static final long DEFAULT_FS_GROUP = 3000;

    private static Container container(ClusterContext ctx) {
        QdrantClusterSpec spec = ctx.spec();
        String pullPolicy = spec.getImage() != null && spec.getImage().getPullPolicy() != null
                ? spec.getImage().getPullPolicy().wireValue() : ctx.defaults().imagePullPolicy();
        String scheme = ctx.tlsEnabled() ? "HTTPS" : "HTTP";
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image(ctx))
                .withImagePullPolicy(pullPolicy)
                .withCommand("/bin/bash", "-c")
                .withArgs(startScript(ctx))
                .withPorts(port("http", HTTP_PORT), port("grpc", GRPC_PORT), port("p2p", P2P_PORT))
                .withEnv(env(spec))
                .withResources(resources(spec))
                .withReadinessProbe(probe("/readyz", scheme, 5, 6))
                .withLivenessProbe(probe("/livez", scheme, 10, 6))
                .withStartupProbe(probe("/healthz", scheme, 5, 120))
                .withSecurityContext(containerSecurity(spec))
                .withVolumeMounts(mounts(ctx))
                .build();
    }

    /**
     * Every node announces its own p2p URI; all but the bootstrap node join through it. The bootstrap
     * node is the lowest index unless the cluster names one in its bootstrap-node annotation.
     */
    static String startScript(ClusterContext ctx) {
        ClusterNames names = ctx.names();
        String scheme = p2pTls(ctx.spec()) ? "https" : "http";
        String bootstrapIndex = "0";
        Map<String, String> annotations = ctx.cluster().getMetadata().getAnnotations();
        if (annotations != null && annotations.get(QdrantApi.Annotations.BOOTSTRAP_NODE) != null) {
            bootstrapIndex = annotations.get(QdrantApi.Annotations.BOOTSTRAP_NODE).replaceAll("[^0-9]", "");
        }
        String self = scheme + "://${HOSTNAME}." + names.headlessService() + ":" + P2P_PORT;
        String bootstrap = scheme + "://" + names.statefulSet() + "-" + bootstrapIndex + "."
                + names.headlessService() + ":" + P2P_PORT;
        StringBuilder script = new StringBuilder();
        Integer delay = ctx.spec().getStartupDelaySeconds();
        if (delay != null && delay > 0) {
            script.append("sleep ").append(delay).append("; ");
        }
        script.append("if [ \"${HOSTNAME##*-}\" = \"").append(bootstrapIndex).append("\" ]; then ")
                .append("exec ./entrypoint.sh --uri \"").append(self).append("\"; ")
                .append("else exec ./entrypoint.sh --bootstrap \"").append(bootstrap).append("\" --uri \"")
                .append(self).append("\"; fi");
        return script.toString();
    }

    private static boolean p2pTls(QdrantClusterSpec spec) {
        return spec.getConfig() != null && spec.getConfig().getTls() != null
                && spec.getConfig().getTls().getCaCert() != null;
    }

    private static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
    }

    private static Probe probe(String path, String scheme, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withNewPort(HTTP_PORT).withScheme(scheme).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(3)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static List<EnvVar> env(QdrantClusterSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        ServiceConfig service = spec.getConfig() == null ? null : spec.getConfig().getService();
        if (service != null) {
            secretEnv(env, "QDRANT__SERVICE__API_KEY", service.getApiKey());
            secretEnv(env, "QDRANT__SERVICE__READ_ONLY_API_KEY", service.getReadOnlyApiKey());
        }
        if (spec.getStatefulSet() != null && spec.getStatefulSet().getPods() != null
                && spec.getStatefulSet().getPods().getExtraEnv() != null) {
            env.addAll(spec.getStatefulSet().getPods().getExtraEnv());
        }
        return env;
    }

    private static void secretEnv(List<EnvVar> env, String name, QdrantSecretKeyRef ref) {
        if (ref == null || ref.getSecretKeyRef() == null) {
            return;
        }
        SecretKeySelector selector = ref.getSecretKeyRef();
        env.add(new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(selector.getName()).withKey(selector.getKey()).withOptional(selector.getOptional())
                .endSecretKeyRef().endValueFrom().build());
    }

    private static ResourceRequirements resources(QdrantClusterSpec spec) {
        Map<String, Quantity> limits = new LinkedHashMap<>();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        if (spec.getResources() != null) {
            var r = spec.getResources();
            if (r.getCpu() != null) {
                limits.put("cpu", new Quantity(r.getCpu()));
            }
            if (r.getMemory() != null) {
                limits.put("memory", new Quantity(r.getMemory()));
            }
            // Requests fall back to the limits, as in the real operator.
            String cpuRequest = r.getRequests() != null && r.getRequests().getCpu() != null
                    ? r.getRequests().getCpu() : r.getCpu();
            String memoryRequest = r.getRequests() != null && r.getRequests().getMemory() != null
                    ? r.getRequests().getMemory() : r.getMemory();
            if (cpuRequest != null) {
                requests.put("cpu", new Quantity(cpuRequest));
            }
            if (memoryRequest != null) {
                requests.put("memory", new Quantity(memoryRequest));
            }
        }
        if (spec.getGpu() != null && spec.getGpu().getGpuType() != null) {
            String gpu = spec.getGpu().getGpuType() == GpuType.AMD ? "amd.com/gpu" : "nvidia.com/gpu";
            limits.put(gpu, new Quantity("1"));
        }
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setLimits(limits.isEmpty() ? null : limits);
        requirements.setRequests(requests.isEmpty() ? null : requests);
        return requirements;
    }

    /**
     * Non-root, no privilege escalation, no capabilities, the runtime's default seccomp profile: what Pod Security
     * Admission's "restricted" level asks (kubernetes.io/docs/concepts/security/pod-security-standards). The ids are
     * those of Qdrant's own Helm chart (user 1000, group 2000, fsGroup 3000) unless the spec names others; a spec
     * asking for root gets it only where the pod policy allows root at all.
     */
    private static SecurityContext containerSecurity(QdrantClusterSpec spec) {
        Long user = spec.getSecurity() != null && spec.getSecurity().getUser() != null
                ? spec.getSecurity().getUser() : DEFAULT_USER;
        Long group = spec.getSecurity() != null && spec.getSecurity().getGroup() != null
                ? spec.getSecurity().getGroup() : DEFAULT_GROUP;
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(user != 0)
                .withRunAsUser(user)
                .withRunAsGroup(group)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private static PodSecurityContext podSecurity(QdrantClusterSpec spec) {
        Long fsGroup = spec.getSecurity() != null && spec.getSecurity().getFsGroup() != null
                ? spec.getSecurity().getFsGroup() : DEFAULT_FS_GROUP;
        return new PodSecurityContextBuilder().withFsGroup(fsGroup).withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    private static List<LocalObjectReference> pullSecrets(QdrantClusterSpec spec) {
        if (spec.getImage() == null || spec.getImage().getPullSecretName() == null) {
            return null;
        }
        return List.of(new LocalObjectReference(spec.getImage().getPullSecretName()));
    }

    private static List<VolumeMount> mounts(ClusterContext ctx) {
        ClusterNames names = ctx.names();
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(names.databaseClaimTemplate())
                .withMountPath(QdrantConfigRenderer.STORAGE_PATH).build());
        mounts.add(new VolumeMountBuilder().withName(names.snapshotsClaimTemplate())
                .withMountPath(QdrantConfigRenderer.SNAPSHOTS_PATH).build());
        mounts.add(new VolumeMountBuilder().withName("qdrant-config")
                .withMountPath(QdrantConfigRenderer.CONFIG_DIR + "/" + QdrantConfigRenderer.FILE_NAME)
                .withSubPath(QdrantConfigRenderer.FILE_NAME).withReadOnly(true).build());
        if (tls(ctx.spec()) != null) {
            mounts.add(new VolumeMountBuilder().withName("qdrant-tls")
                    .withMountPath(QdrantConfigRenderer.TLS_DIR).withReadOnly(true).build());
        }
        if (ctx.spec().getStorage() != null && ctx.spec().getStorage().getAdditionalVolumeMounts() != null) {
            mounts.addAll(ctx.spec().getStorage().getAdditionalVolumeMounts());
        }
        return mounts;
    }

    private static List<Volume> volumes(ClusterContext ctx) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("qdrant-config").withNewConfigMap()
                .withName(ctx.names().configMap()).endConfigMap().build());
        TlsConfig tls = tls(ctx.spec());
        if (tls != null) {
            List<VolumeProjection> sources = new ArrayList<>();
            project(sources, tls.getCert(), "cert.pem");
            project(sources, tls.getKey(), "key.pem");
            project(sources, tls.getCaCert(), "cacert.pem");
            volumes.add(new VolumeBuilder().withName("qdrant-tls").withNewProjected().withSources(sources)
                    .endProjected().build());
        }
        if (ctx.spec().getStorage() != null && ctx.spec().getStorage().getAdditionalVolumes() != null) {
            volumes.addAll(ctx.spec().getStorage().getAdditionalVolumes());
        }
        return volumes;
    }

    private static TlsConfig tls(QdrantClusterSpec spec) {
        TlsConfig tls = spec.getConfig() == null ? null : spec.getConfig().getTls();
        if (tls == null || (tls.getCert() == null && tls.getKey() == null && tls.getCaCert() == null)) {
            return null;
        }
        return tls;
    }

    private static void project(List<VolumeProjection> sources, QdrantSecretKeyRef ref, String file) {
        if (ref == null || ref.getSecretKeyRef() == null) {
            return;
        }
        sources.add(new VolumeProjectionBuilder().withNewSecret().withName(ref.getSecretKeyRef().getName())
                .withItems(new KeyToPath(ref.getSecretKeyRef().getKey(), null, file)).endSecret().build());
    }

    private static List<PersistentVolumeClaim> claimTemplates(ClusterContext ctx) {
        QdrantClusterSpec spec = ctx.spec();
        ClusterNames names = ctx.names();
        String size = spec.getResources() != null && spec.getResources().getStorage() != null
                ? spec.getResources().getStorage() : DEFAULT_STORAGE;
        String dbClass = spec.getStorageClassNames() != null && spec.getStorageClassNames().getDb() != null
                ? spec.getStorageClassNames().getDb() : ctx.defaults().databaseStorageClass();
        String snapshotClass = spec.getStorageClassNames() != null && spec.getStorageClassNames().getSnapshots() != null
                ? spec.getStorageClassNames().getSnapshots() : ctx.defaults().snapshotStorageClass();
        String attributesClass = spec.getStorage() == null ? null : spec.getStorage().getVolumeAttributesClassName();
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        claims.add(claim(names.databaseClaimTemplate(), names, size, dbClass, attributesClass));
        claims.add(claim(names.snapshotsClaimTemplate(), names, size, snapshotClass, null));
        if (spec.getStorage() != null && spec.getStorage().getAdditionalVolumeClaimTemplates() != null) {
            for (AdditionalVolumeClaimTemplate extra : spec.getStorage().getAdditionalVolumeClaimTemplates()) {
                claims.add(new PersistentVolumeClaimBuilder()
                        .withNewMetadata().withName(extra.getMetadata().getName())
                            .withLabels(extra.getMetadata().getLabels())
                            .withAnnotations(extra.getMetadata().getAnnotations()).endMetadata()
                        .withSpec(extra.getSpec()).build());
            }
        }
        return claims;
    }

    private static PersistentVolumeClaim claim(String name, ClusterNames names, String size, String storageClass,
                                               String attributesClass) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withLabels(names.selector()).endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(storageClass)
                    .withVolumeAttributesClassName(attributesClass)
                    .withNewResources().addToRequests("storage", new Quantity(size)).endResources()
                .endSpec()
                .build();
    }
}
