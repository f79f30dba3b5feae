package io.qdranthybrid.crd.generation;

import io.fabric8.kubernetes.api.model.AWSElasticBlockStoreVolumeSource;
import io.fabric8.kubernetes.api.model.AzureDiskVolumeSource;
import io.fabric8.kubernetes.api.model.AzureFileVolumeSource;
import io.fabric8.kubernetes.api.model.CSIVolumeSource;
import io.fabric8.kubernetes.api.model.CephFSVolumeSource;
import io.fabric8.kubernetes.api.model.CinderVolumeSource;
import io.fabric8.kubernetes.api.model.ClusterTrustBundleProjection;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DownwardAPIProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.FCVolumeSource;
import io.fabric8.kubernetes.api.model.FileKeySelector;
import io.fabric8.kubernetes.api.model.FlexVolumeSource;
import io.fabric8.kubernetes.api.model.GCEPersistentDiskVolumeSource;
import io.fabric8.kubernetes.api.model.GitRepoVolumeSource;
import io.fabric8.kubernetes.api.model.GlusterfsVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.ISCSIVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LinuxContainerUser;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ModifyVolumeStatus;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimTemplate;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.PhotonPersistentDiskVolumeSource;
import io.fabric8.kubernetes.api.model.PodCertificateProjection;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PortworxVolumeSource;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.QuobyteVolumeSource;
import io.fabric8.kubernetes.api.model.RBDVolumeSource;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceHealth;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceStatus;
import io.fabric8.kubernetes.api.model.ScaleIOVolumeSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.TypedObjectReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountStatus;
import io.fabric8.kubernetes.api.model.VsphereVirtualDiskVolumeSource;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;

import java.util.Map;
import java.util.Optional;

import static io.qdranthybrid.crd.generation.TypeMarkers.type;
import static java.util.Map.entry;

/**
 * The markers of the Kubernetes API types our CRDs embed, as their Go sources declare them
 * (k8s.io/api/core/v1/types.go, k8s.io/apimachinery/pkg/apis/meta/v1/types.go, k8s.io/api/policy/v1/types.go) and
 * controller-gen turns them into schema rules. The fabric8 model classes carry none of them, so without this table a
 * Volume without a name or a label selector merged key by key would be accepted where the real CRDs refuse or
 * replace it. {@code int32}/{@code int64} formats, quantities and ObjectMeta are handled by type in
 * {@link ModelSchemaRules}.
 */
final class KubernetesApiMarkers {

    private static final String CONDITION_TYPE_PATTERN =
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
    private static final String CONDITION_REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    private static final Map<Class<?>, TypeMarkers> MARKERS = Map.ofEntries(
            // meta/v1
            entry(LabelSelector.class, type().atomic().atomicLists("matchExpressions")),
            entry(LabelSelectorRequirement.class, type().required("key", "operator").atomicLists("values")),
            entry(Condition.class, type().required("lastTransitionTime", "message", "reason", "status", "type")
                    .dateTimes("lastTransitionTime")
                    .property("message", schema -> schema.setMaxLength(32768L))
                    .property("observedGeneration", schema -> schema.setMinimum(0.0))
                    .property("reason", schema -> {
                        schema.setMinLength(1L);
                        schema.setMaxLength(1024L);
                        schema.setPattern(CONDITION_REASON_PATTERN);
                    })
                    .enumOf("status", "True", "False", "Unknown")
                    .property("type", schema -> {
                        schema.setMaxLength(316L);
                        schema.setPattern(CONDITION_TYPE_PATTERN);
                    })),
            // core/v1: references and selectors
            entry(LocalObjectReference.class, type().atomic().defaultValue("name", "")),
            entry(SecretKeySelector.class, type().atomic().required("key").defaultValue("name", "")),
            entry(ConfigMapKeySelector.class, type().atomic().required("key").defaultValue("name", "")),
            entry(ObjectFieldSelector.class, type().atomic().required("fieldPath")),
            entry(ResourceFieldSelector.class, type().atomic().required("resource")),
            entry(FileKeySelector.class, type().atomic().required("key", "path", "volumeName")
                    .defaultValue("optional", false)),
            entry(TypedLocalObjectReference.class, type().atomic().required("kind", "name")),
            entry(TypedObjectReference.class, type().required("kind", "name")),
            entry(EnvVar.class, type().required("name")),
            entry(VolumeMount.class, type().required("mountPath", "name")),
            // core/v1: volumes
            entry(Volume.class, type().required("name")),
            entry(PersistentVolumeClaimSpec.class, type().atomicLists("accessModes")),
            entry(PersistentVolumeClaimTemplate.class, type().required("spec")),
            entry(AWSElasticBlockStoreVolumeSource.class, type().required("volumeID")),
            entry(AzureDiskVolumeSource.class, type().required("diskName", "diskURI")
                    .defaultValue("fsType", "ext4").defaultValue("readOnly", false)),
            entry(AzureFileVolumeSource.class, type().required("secretName", "shareName")),
            entry(CephFSVolumeSource.class, type().required("monitors").atomicLists("monitors")),
            entry(CinderVolumeSource.class, type().required("volumeID")),
            // ConfigMap and Secret sources inline an atomic LocalObjectReference, which makes them atomic too
            entry(ConfigMapVolumeSource.class, type().atomic().atomicLists("items").defaultValue("name", "")),
            entry(SecretVolumeSource.class, type().atomicLists("items")),
            entry(KeyToPath.class, type().required("key", "path")),
            entry(CSIVolumeSource.class, type().required("driver")),
            entry(DownwardAPIVolumeSource.class, type().atomicLists("items")),
            entry(DownwardAPIVolumeFile.class, type().required("path")),
            entry(FCVolumeSource.class, type().atomicLists("targetWWNs", "wwids")),
            entry(FlexVolumeSource.class, type().required("driver")),
            entry(GCEPersistentDiskVolumeSource.class, type().required("pdName")),
            entry(GitRepoVolumeSource.class, type().required("repository")),
            entry(GlusterfsVolumeSource.class, type().required("endpoints", "path")),
            entry(HostPathVolumeSource.class, type().required("path")),
            entry(ISCSIVolumeSource.class, type().required("iqn", "lun", "targetPortal")
                    .defaultValue("iscsiInterface", "default").atomicLists("portals")),
            entry(NFSVolumeSource.class, type().required("path", "server")),
            entry(PersistentVolumeClaimVolumeSource.class, type().required("claimName")),
            entry(PhotonPersistentDiskVolumeSource.class, type().required("pdID")),
            entry(PortworxVolumeSource.class, type().required("volumeID")),
            entry(ProjectedVolumeSource.class, type().atomicLists("sources")),
            entry(ClusterTrustBundleProjection.class, type().required("path")),
            entry(ConfigMapProjection.class, type().atomic().atomicLists("items").defaultValue("name", "")),
            entry(SecretProjection.class, type().atomic().atomicLists("items").defaultValue("name", "")),
            entry(DownwardAPIProjection.class, type().atomicLists("items")),
            entry(ServiceAccountTokenProjection.class, type().required("path")),
            entry(PodCertificateProjection.class, type().required("keyType", "signerName")
                    .addedProperty("userAnnotations", new JSONSchemaPropsBuilder().withType("object")
                            .withNewAdditionalProperties().withNewSchema().withType("string").endSchema()
                            .endAdditionalProperties().build())),
            entry(QuobyteVolumeSource.class, type().required("registry", "volume")),
            entry(RBDVolumeSource.class, type().required("image", "monitors").atomicLists("monitors")
                    .defaultValue("keyring", "/etc/ceph/keyring").defaultValue("pool", "rbd")
                    .defaultValue("user", "admin")),
            entry(ScaleIOVolumeSource.class, type().required("gateway", "secretRef", "system")
                    .defaultValue("fsType", "xfs").defaultValue("storageMode", "ThinProvisioned")),
            entry(VsphereVirtualDiskVolumeSource.class, type().required("volumePath")),
            // core/v1: scheduling
            entry(TopologySpreadConstraint.class, type().required("maxSkew", "topologyKey", "whenUnsatisfiable")
                    .atomicLists("matchLabelKeys")),
            // core/v1: pod and claim status, as QdrantCluster.status.nodes reports them
            entry(PodCondition.class, type().required("status", "type")
                    .dateTimes("lastProbeTime", "lastTransitionTime")),
            entry(PersistentVolumeClaimCondition.class, type().required("status", "type")
                    .dateTimes("lastProbeTime", "lastTransitionTime")),
            entry(ModifyVolumeStatus.class, type().required("status")),
            entry(ContainerStatus.class, type().required("image", "imageID", "name", "ready", "restartCount")
                    .mapList("volumeMounts", "mountPath").mapList("allocatedResourcesStatus", "name")),
            entry(VolumeMountStatus.class, type().required("mountPath", "name")
                    .addedProperty("volumeStatus", new JSONSchemaPropsBuilder().withType("object")
                            .addToProperties("image", new JSONSchemaPropsBuilder().withType("object")
                                    .addToProperties("imageRef", new JSONSchemaPropsBuilder().withType("string")
                                            .withMaxLength(256L).build())
                                    .withRequired("imageRef").build())
                            .build())),
            entry(ResourceStatus.class, type().required("name").mapList("resources", "resourceID")),
            entry(ResourceHealth.class, type().required("resourceID")
                    .addedProperty("message", new JSONSchemaPropsBuilder().withType("string").build())),
            entry(ResourceRequirements.class, type().mapList("claims", "name")),
            entry(ResourceClaim.class, type().required("name")),
            entry(ContainerStateRunning.class, type().dateTimes("startedAt")),
            entry(ContainerStateTerminated.class, type().required("exitCode").dateTimes("startedAt", "finishedAt")),
            entry(LinuxContainerUser.class, type().required("gid", "uid").atomicLists("supplementalGroups")));

    private KubernetesApiMarkers() {
    }

    /** The markers of {@code type}, if it is a Kubernetes API type with any. */
    static Optional<TypeMarkers> of(Class<?> type) {
        return Optional.ofNullable(MARKERS.get(type));
    }
}
