package io.qdranthybrid.harness.deploy;

import io.qdranthybrid.harness.cluster.ClusterUnderTest;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterLogRequest;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.auth.UserInfo;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator and the agent run as the ServiceAccounts deploy/ ships, under its Roles: a scenario needs no
 * permission beyond them (no 403), and every permission shipped is used or justified below.
 */
@HybridCloudTest
class ShippedRbacTest {

  /** Permissions a create-and-scale scenario does not exercise, and why they are shipped anyway. */
  private static final Map<String, String> OPERATOR_JUSTIFIED = Map.of(
      "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}",
      "reads the API-key Secrets a QdrantCluster references; this cluster references none",
      "{APIGroups:[\"coordination.k8s.io\"], Resources:[\"leases\"], Verbs:[\"create\" \"get\" \"update\" \"patch\"]}",
      "leader election, on in the Deployment; the stack runs one in-process operator without it",
      "{APIGroups:[\"snapshot.storage.k8s.io\"], Resources:[\"volumesnapshots\"], Verbs:[\"create\" \"get\" \"list\" "
          + "\"watch\" \"update\" \"patch\" \"delete\"]}",
      "backups; used by the e2e backup scenarios, not by create-and-scale",
      "{APIGroups:[\"qdrant.io\"], Resources:[\"qdrantclusters/finalizers\"], Verbs:[\"update\"]}",
      "OwnerReferencesPermissionEnforcement (OpenShift, hardened clusters); the simulated server does not enforce it",
      "{APIGroups:[\"\"], Resources:[\"services\" \"pods\"], Verbs:[\"deletecollection\"]}",
      "suspend and restore delete per-node Services and pods by label; used by the e2e suspend and backup scenarios");
  @Test
  void operatorAndAgentWorkWithExactlyTheShippedRoles(HybridEnvironment env, ClusterUnderTest cluster) {
    SimulatedCluster simulated = (SimulatedCluster) cluster;
    env.createCluster(NewCluster.of("orders", 3, "v1.12.3"));
    env.awaitCluster("orders", ClusterPhase.HEALTHY, Duration.ofSeconds(90));
    env.controlPlane().clusters().scale(env.id(), "orders", 1);
    env.awaitCluster("orders", ClusterPhase.HEALTHY, Duration.ofSeconds(90));
    // Logs on request: the agent reads them through pods/log under its Role.
    assertThat(env.controlPlane().clusterReads().logs(env.id(), "orders", ClusterLogRequest.lastLines(null, 20)).log())
        .isNotBlank();

    List<ApiCall> calls = simulated.api().journal().calls();
    String operator = UserInfo.serviceAccount(env.namespace(), DeployRbac.OPERATOR.serviceAccount()).name();
    String agent = UserInfo.serviceAccount(env.namespace(), DeployRbac.AGENT.serviceAccount()).name();
    List<ApiCall> operatorCalls = calls.stream().filter(c -> c.user().equals(operator)).toList();
    List<ApiCall> agentCalls = calls.stream().filter(c -> c.user().equals(agent)).toList();
    assertThat(operatorCalls).isNotEmpty().noneMatch(c -> c.code() == 403);
    assertThat(agentCalls).isNotEmpty().noneMatch(c -> c.code() == 403);

    RbacUsageReport operatorReport = RbacUsageReport.of(DeployRbac.OPERATOR.roleRules(), operatorCalls);
    RbacUsageReport agentReport = RbacUsageReport.of(DeployRbac.AGENT.roleRules(), agentCalls);
    System.out.println("operator Role, requests per permission:\n" + operatorReport.render());
    System.out.println("agent Role, requests per permission:\n" + agentReport.render());
    System.out.println("operator rules unused: " + operatorReport.unusedRules());
    System.out.println("agent rules unused: " + agentReport.unusedRules());
    assertThat(operatorReport.unusedRules()).allMatch(OPERATOR_JUSTIFIED::containsKey);
    // Every agent rule is used (pods/log by the logs read above): the three it never used (*/status get, events.k8s.io events, get of its
    // access-key Secret) were removed from deploy/ and the chart.
    assertThat(agentReport.unusedRules()).isEmpty();
  }
}
