package io.qdranthybrid.harness.deploy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.ClusterUnderTest;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A permission missing from the operator's Role is reported in the QdrantCluster's status, retried with backoff. */
@HybridCloudTest
class MissingPermissionTest {

  @Test
  void operatorReportsAForbiddenStatefulSetCreateInTheClusterStatus(HybridEnvironment env, ClusterUnderTest cluster)
      throws InterruptedException {
    SimulatedCluster simulated = (SimulatedCluster) cluster;
    String namespace = env.namespace();
    env.client().rbac().roles().inNamespace(namespace).withName(DeployRbac.OPERATOR.serviceAccount()).edit(role -> {
      List<PolicyRule> rules = new ArrayList<>();
      for (PolicyRule rule : role.getRules()) {
        if (rule.getResources().contains("statefulsets")) {
          List<String> verbs = new ArrayList<>(rule.getVerbs());
          verbs.remove("create");
          rule.setVerbs(verbs);
        }
        rules.add(rule);
      }
      role.setRules(rules);
      return role;
    });

    env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      QdrantCluster resource = env.clusterResource("orders");
      assertThat(resource).isNotNull();
      assertThat(resource.getStatus()).isNotNull();
      assertThat(resource.getStatus().getReason()).contains("not allowed to apply this cluster")
          .contains("statefulsets.apps is forbidden: User \"system:serviceaccount:" + namespace
              + ":qdrant-hybrid-operator\" cannot create resource \"statefulsets\" in API group \"apps\" in the "
              + "namespace \"" + namespace + "\"");
    });
    assertThat(env.stack().operator()).hasValueSatisfying(operator -> assertThat(operator.isReady()).isTrue());
    // Not spinning: the refused create is retried with the controller's backoff, a handful of times a minute.
    long before = refusedCreates(simulated, namespace);
    // A backoff is measured in time, so time has to pass: no event marks "it did not retry too often".
    Thread.sleep(Duration.ofSeconds(5).toMillis());
    assertThat(refusedCreates(simulated, namespace) - before).as("refused creates retried within 5 s").isLessThan(10);
  }

  private static long refusedCreates(SimulatedCluster cluster, String namespace) {
    return cluster.api().journal().calls().stream().filter(c -> c.verb() == Verb.CREATE && c.code() == 403
        && c.resource().equals("statefulsets") && namespace.equals(c.namespace())).count();
  }
}
