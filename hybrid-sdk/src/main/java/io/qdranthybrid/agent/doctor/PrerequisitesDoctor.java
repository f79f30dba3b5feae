package io.qdranthybrid.agent.doctor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every prerequisite check against one cluster and the control-plane settings, in a fixed order: Kubernetes,
 * storage, backups, RBAC, CRDs, connectivity. Reads only; changes nothing.
 */
public final class PrerequisitesDoctor {

    /** The operator's ServiceAccount as deploy/kustomize/operator and the operator's Helm chart name it. */
    public static final String OPERATOR_SERVICE_ACCOUNT = "qdrant-hybrid-operator";
    public static final String AGENT_SERVICE_ACCOUNT = "qdrant-cloud-agent";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final ClusterReads reads;
    private final String namespace;
    private final AgentConnectionSettings connection;
    private final Clock clock;
    private final boolean probeUpgrade;

    /**
     * @param connection   how the agent reaches the control plane; null skips that check (nothing configured)
     * @param probeUpgrade whether the probe asks for the WebSocket upgrade too ({@code doctor}); the agent at start
     *                     does not, its own connection follows
     */
    public PrerequisitesDoctor(KubernetesClient client, String namespace, AgentConnectionSettings connection,
                               Clock clock, boolean probeUpgrade) {
        this.reads = new ClusterReads(client);
        this.namespace = namespace;
        this.connection = connection;
        this.clock = clock;
        this.probeUpgrade = probeUpgrade;
    }

    public List<PrerequisiteCheck> run() {
        List<PrerequisiteCheck> checks = new ArrayList<>();
        checks.add(KubernetesVersionCheck.check(reads.kubernetesVersion(), LocalDate.now(clock)));
        Readout<List<StorageClassFacts>> storageClasses = reads.storageClasses();
        checks.add(DefaultStorageClassCheck.check(storageClasses));
        checks.add(VolumeSnapshotCheck.check(reads.servedResources("snapshot.storage.k8s.io/v1"),
                reads.snapshotClasses(), defaultProvisioner(storageClasses)));
        checks.add(AccessCheck.agent(reads.selfAccess(namespace, RequiredAccess.agent()),
                serviceAccountUser(AGENT_SERVICE_ACCOUNT)));
        checks.add(operatorAccess());
        Map<String, Readout<Set<String>>> served = new LinkedHashMap<>();
        ServedCrdsCheck.apiVersions().forEach(v -> served.put(v, reads.servedResources(v)));
        checks.add(ServedCrdsCheck.check(served));
        if (connection != null) {
            ControlPlaneProbe probe = new ControlPlaneProbe(connection, PROBE_TIMEOUT, probeUpgrade);
            checks.add(ControlPlaneReachabilityCheck.check(probe.probe(), connection.url().toString(), probe.route()));
        }
        return List.copyOf(checks);
    }

    /**
     * The operator's rights: asked with SubjectAccessReviews when the agent may, else read from its Role when the
     * agent may read Roles, else a warning that they cannot be checked (the agent's shipped RBAC allows neither).
     */
    private PrerequisiteCheck operatorAccess() {
        String user = serviceAccountUser(OPERATOR_SERVICE_ACCOUNT);
        Readout<Map<AccessRule, Boolean>> reviewed = reads.accessOf(user, namespace, RequiredAccess.operator());
        if (reviewed instanceof Readout.Found<Map<AccessRule, Boolean>>) {
            return AccessCheck.operator(reviewed, "SubjectAccessReview", user);
        }
        Readout<List<RoleRule>> role = reads.roleRules(namespace, OPERATOR_SERVICE_ACCOUNT);
        if (role instanceof Readout.Found<List<RoleRule>> found) {
            Map<AccessRule, Boolean> answers = new LinkedHashMap<>();
            RequiredAccess.operator().forEach(r -> answers.put(r, RoleRule.anyGrants(found.value(), r)));
            return AccessCheck.operator(Readout.found(answers), "Role " + OPERATOR_SERVICE_ACCOUNT, user);
        }
        return AccessCheck.operator(new Readout.Forbidden<>("SubjectAccessReview: "
                + reviewed.detail() + "; Role " + OPERATOR_SERVICE_ACCOUNT + ": "
                + role.detail()), "", user);
    }

    private String serviceAccountUser(String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    private static String defaultProvisioner(Readout<List<StorageClassFacts>> classes) {
        return classes instanceof Readout.Found<List<StorageClassFacts>> found
                ? found.value().stream().filter(StorageClassFacts::isDefault).map(StorageClassFacts::provisioner)
                .findFirst().orElse(null)
                : null;
    }
}
