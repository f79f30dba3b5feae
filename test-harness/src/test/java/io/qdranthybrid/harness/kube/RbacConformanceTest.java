package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authentication and RBAC as kube-apiserver enforces them. Each test names the Kubernetes source it mirrors and
 * asserts the status code and message a real server answers.
 */
class RbacConformanceTest {

  private static final String NS = "qdrant";
  private static final String SA = "qdrant-operator";
  private static final String SA_USER = "system:serviceaccount:qdrant:qdrant-operator";

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture();

  private KubernetesClient admin() {
    return fixture.client();
  }

  private KubernetesClient serviceAccountClient() {
    admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    admin().serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata().withName(SA)
        .endMetadata().build()).create();
    return fixture.server().newClientAs(NS, SA);
  }

  private void grant(String roleName, List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> rules) {
    admin().rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName(roleName)
        .endMetadata().withRules(rules).build()).create();
    admin().rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder().withNewMetadata()
        .withName(roleName).endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", roleName)
        .addNewSubject().withKind("ServiceAccount").withName(SA).withNamespace(NS).endSubject().build()).create();
  }

  private static io.fabric8.kubernetes.api.model.rbac.PolicyRule rule(String group, String resource,
                                                                       String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
  }

  // k8s.io/apiserver/pkg/endpoints/filters/authentication.go: unauthorized requests get a 401 Status "Unauthorized".
  @Test
  void requestWithoutTokenIsUnauthorized() {
    RawHttp.Reply reply = fixture.http().as(null).get("/api/v1/namespaces/test/configmaps");
    assertThat(reply.code()).isEqualTo(401);
    assertThat(reply.body().path("kind").asText()).isEqualTo("Status");
    assertThat(reply.body().path("reason").asText()).isEqualTo("Unauthorized");
    assertThat(reply.body().path("message").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void unknownTokenIsUnauthorizedEvenForDiscovery() {
    assertThat(fixture.http().as("not-a-token").get("/api").code()).isEqualTo(401);
    assertThat(fixture.http().get("/api").code()).isEqualTo(200);
  }

  // pkg/serviceaccount: a ServiceAccount's token stops authenticating once the ServiceAccount is gone.
  @Test
  void serviceAccountTokenStopsWorkingWhenTheServiceAccountIsDeleted() {
    serviceAccountClient();
    String token = fixture.server().tokenFor(NS, SA);
    assertThat(fixture.http().as(token).get("/api").code()).isEqualTo(200);
    admin().serviceAccounts().inNamespace(NS).withName(SA).delete();
    assertThat(fixture.http().as(token).get("/api").code()).isEqualTo(401);
  }

  @Test
  void tokensAreOnlyMintedForServiceAccountsThatExist() {
    assertThatThrownBy(() -> fixture.server().tokenFor(NS, "nobody"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serviceaccounts \"nobody\" not found");
  }

  // responsewriters/errors.go forbiddenMessage + apimachinery errors.NewForbidden, namespaced request with a name.
  @Test
  void getWithoutRightsIsForbiddenWithTheRealMessage() {
    KubernetesClient sa = serviceAccountClient();
    RawHttp.Reply reply = fixture.http().as(fixture.server().tokenFor(NS, SA))
        .get("/apis/qdrant.io/v1/namespaces/qdrant/qdrantclusters/x");
    assertThat(reply.code()).isEqualTo(403);
    assertThat(reply.body().path("reason").asText()).isEqualTo("Forbidden");
    assertThat(reply.body().path("message").asText()).isEqualTo("qdrantclusters.qdrant.io \"x\" is forbidden: User \""
        + SA_USER + "\" cannot get resource \"qdrantclusters\" in API group \"qdrant.io\" in the namespace \"qdrant\"");
    assertThat(reply.body().path("details").path("group").asText()).isEqualTo("qdrant.io");
    assertThat(reply.body().path("details").path("kind").asText()).isEqualTo("qdrantclusters");
    sa.close();
  }

  @Test
  void clusterScopedListWithoutRightsIsForbiddenAtTheClusterScope() {
    try (KubernetesClient sa = serviceAccountClient()) {
      assertThatThrownBy(() -> sa.nodes().list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).isEqualTo("nodes is forbidden: User \"" + SA_USER
                + "\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
          });
    }
  }

  // rbac.go RuleAllows: verbs, apiGroups and resources must all match; a Role applies in its namespace only.
  @Test
  void roleGrantsItsVerbsInItsNamespaceOnly() {
    try (KubernetesClient sa = serviceAccountClient()) {
      grant("cm-reader", List.of(rule("", "configmaps", "get", "list")));
      admin().configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("c")
          .endMetadata().build()).create();
      assertThat(sa.configMaps().inNamespace(NS).withName("c").get()).isNotNull();
      assertThat(sa.configMaps().inNamespace(NS).list().getItems()).hasSize(1);
      assertThatThrownBy(() -> sa.configMaps().inNamespace("other").list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> sa.configMaps().inNamespace(NS).withName("c").delete())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
              .isEqualTo("configmaps \"c\" is forbidden: User \"" + SA_USER
                  + "\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"qdrant\""));
    }
  }

  // rbac.go ResourceMatches: a subresource is its own resource ("pods/status"), or matched by "*/status".
  @Test
  void subresourcesNeedTheirOwnRule() {
    serviceAccountClient();
    grant("status-writer", List.of(rule("apps", "statefulsets", "get"), rule("apps", "*/scale", "get")));
    RawHttp http = fixture.http().as(fixture.server().tokenFor(NS, SA));
    RawHttp.Reply status = http.get("/apis/apps/v1/namespaces/qdrant/statefulsets/db/status");
    assertThat(status.code()).isEqualTo(403);
    assertThat(status.body().path("message").asText()).isEqualTo("statefulsets.apps \"db\" is forbidden: User \""
        + SA_USER + "\" cannot get resource \"statefulsets/status\" in API group \"apps\" in the namespace \"qdrant\"");
    // Allowed through "*/scale": the request goes on to the handler, which finds no such StatefulSet.
    assertThat(http.get("/apis/apps/v1/namespaces/qdrant/statefulsets/db/scale").code()).isEqualTo(404);
    assertThat(http.get("/apis/apps/v1/namespaces/qdrant/statefulsets/db").code()).isEqualTo(404);
  }

  // rbac.go ResourceNameMatches: resourceNames restricts to those objects; a list has no name, so it is refused.
  @Test
  void resourceNamesRestrictToNamedObjects() {
    serviceAccountClient();
    grant("one-secret", List.of(new PolicyRuleBuilder().withApiGroups("").withResources("secrets")
        .withResourceNames("api-key").withVerbs("get").build()));
    RawHttp http = fixture.http().as(fixture.server().tokenFor(NS, SA));
    assertThat(http.get("/api/v1/namespaces/qdrant/secrets/api-key").code()).isEqualTo(404);
    assertThat(http.get("/api/v1/namespaces/qdrant/secrets/other").code()).isEqualTo(403);
    assertThat(http.get("/api/v1/namespaces/qdrant/secrets").code()).isEqualTo(403);
  }

  // A RoleBinding to a ClusterRole grants the ClusterRole's rules in the binding's namespace only.
  @Test
  void roleBindingToClusterRoleGrantsInItsNamespace() {
    try (KubernetesClient sa = serviceAccountClient()) {
      admin().rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder().withNewMetadata()
          .withName("view").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
          .addNewSubject().withKind("ServiceAccount").withName(SA).withNamespace(NS).endSubject().build()).create();
      assertThat(sa.pods().inNamespace(NS).list().getItems()).isEmpty();
      assertThatThrownBy(() -> sa.pods().inNamespace("default").list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  // pkg/controller/clusterroleaggregation: an aggregated ClusterRole holds the rules of the ClusterRoles it selects,
  // including ones labelled later.
  @Test
  void aggregatedClusterRolePicksUpLabelledRoles() {
    io.qdranthybrid.harness.cluster.QdrantCrds.install(admin(), java.util.List.of(io.qdranthybrid.harness.cluster
        .QdrantCrds.load(io.qdranthybrid.crd.QdrantCluster.class)), java.time.Duration.ofSeconds(10));
    try (KubernetesClient sa = serviceAccountClient()) {
      admin().rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
          .withName("sa-view").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
          .addNewSubject().withKind("ServiceAccount").withName(SA).withNamespace(NS).endSubject().build()).create();
      RawHttp http = fixture.http().as(fixture.server().tokenFor(NS, SA));
      assertThat(http.get("/apis/qdrant.io/v1/namespaces/qdrant/qdrantclusters").code()).isEqualTo(403);
      admin().rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("qdrant-view")
          .addToLabels("rbac.authorization.k8s.io/aggregate-to-view", "true").endMetadata()
          .withRules(rule("qdrant.io", "qdrantclusters", "get", "list", "watch")).build()).create();
      assertThat(http.get("/apis/qdrant.io/v1/namespaces/qdrant/qdrantclusters").code()).isEqualTo(200);
      // view is aggregated into edit and edit into admin: a namespace admin can list them too.
      admin().rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder().withNewMetadata()
          .withName("alice-admin").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "admin")
          .addNewSubject().withKind("User").withName("alice").endSubject().build()).create();
      var alice = io.qdranthybrid.harness.kube.auth.UserInfo.user("alice");
      assertThat(fixture.server().authorizer().authorize(io.qdranthybrid.harness.kube.auth.RequestAttributes
          .resource(alice, "list", "qdrant.io", "qdrantclusters", "", NS, "")).allowed()).isTrue();
      assertThat(fixture.server().authorizer().authorize(io.qdranthybrid.harness.kube.auth.RequestAttributes
          .resource(alice, "list", "qdrant.io", "qdrantclusters", "", "default", "")).allowed()).isFalse();
    }
  }

  // bootstrappolicy: system:discovery and system:basic-user are bound to system:authenticated.
  @Test
  void everyAuthenticatedUserCanDiscoverAndReviewItself() {
    try (KubernetesClient sa = serviceAccountClient()) {
      assertThat(sa.getApiGroups().getGroups()).isNotEmpty();
      SelfSubjectAccessReview review = sa.authorization().v1().selfSubjectAccessReview().create(
          new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withNamespace(NS)
              .withVerb("list").withResource("pods").endResourceAttributes().endSpec().build());
      assertThat(review.getStatus().getAllowed()).isFalse();
      grant("pods", List.of(rule("", "pods", "list")));
      review = sa.authorization().v1().selfSubjectAccessReview().create(
          new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withNamespace(NS)
              .withVerb("list").withResource("pods").endResourceAttributes().endSpec().build());
      assertThat(review.getStatus().getAllowed()).isTrue();
      assertThat(review.getStatus().getReason()).isEqualTo("RBAC: allowed by RoleBinding \"pods/qdrant\" of Role "
          + "\"pods\" to ServiceAccount \"qdrant-operator/qdrant\"");
      SelfSubjectRulesReview rules = sa.authorization().v1().selfSubjectRulesReview().create(
          new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(NS).endSpec().build());
      assertThat(rules.getStatus().getResourceRules()).anySatisfy(r -> {
        assertThat(r.getResources()).containsExactly("pods");
        assertThat(r.getVerbs()).containsExactly("list");
      });
      assertThat(rules.getStatus().getNonResourceRules()).anySatisfy(r -> assertThat(r.getNonResourceURLs())
          .contains("/api", "/apis/*"));
    }
  }

  // pkg/registry/rbac/validation/rule.go ConfirmNoEscalation, wrapped in NewForbidden by the Role storage.
  @Test
  void roleWithRightsTheWriterDoesNotHoldIsForbidden() {
    try (KubernetesClient sa = serviceAccountClient()) {
      grant("role-writer", List.of(rule("rbac.authorization.k8s.io", "roles", "create"),
          rule("", "configmaps", "get")));
      sa.rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName("subset").endMetadata()
          .withRules(rule("", "configmaps", "get")).build()).create();
      assertThatThrownBy(() -> sa.rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata()
          .withName("more").endMetadata().withRules(rule("apps", "statefulsets", "get", "delete"),
              rule("", "configmaps", "get")).build()).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).isEqualTo("roles.rbac.authorization.k8s.io \"more\" is forbidden: "
                + "user \"" + SA_USER + "\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:qdrant\" "
                + "\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"
                + "{APIGroups:[\"apps\"], Resources:[\"statefulsets\"], Verbs:[\"get\" \"delete\"]}");
          });
    }
  }

  // escalation_check.go RoleEscalationAuthorized: the escalate verb lifts the check.
  @Test
  void escalateVerbAllowsGrantingMore() {
    try (KubernetesClient sa = serviceAccountClient()) {
      grant("escalator", List.of(rule("rbac.authorization.k8s.io", "roles", "create", "escalate")));
      sa.rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName("anything")
          .endMetadata().withRules(rule("*", "*", "*")).build()).create();
      assertThat(admin().rbac().roles().inNamespace(NS).withName("anything").get()).isNotNull();
    }
  }

  // rolebinding/policybased/storage.go: binding a role needs its rules or the bind verb on it.
  @Test
  void bindingARoleWithMoreRightsNeedsBind() {
    try (KubernetesClient sa = serviceAccountClient()) {
      grant("binder", List.of(rule("rbac.authorization.k8s.io", "rolebindings", "create")));
      var binding = new RoleBindingBuilder().withNewMetadata().withName("edit-me").endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit").addNewSubject().withKind("User")
          .withName("mallory").endSubject().build();
      assertThatThrownBy(() -> sa.rbac().roleBindings().inNamespace(NS).resource(binding).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).startsWith("rolebindings.rbac.authorization.k8s.io \"edit-me\" "
                + "is forbidden: user \"" + SA_USER + "\" (groups=").contains("is attempting to grant RBAC "
                + "permissions not currently held:\n").contains("\n{APIGroups:[\"\"], Resources:[\"configmaps\"], "
                + "Verbs:[\"create\" \"delete\" \"deletecollection\" \"patch\" \"update\" \"get\" \"list\" \"watch\"]}\n");
          });
      admin().rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName("bind-edit")
          .endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("rbac.authorization.k8s.io")
              .withResources("clusterroles").withResourceNames("edit").withVerbs("bind").build()).build()).create();
      admin().rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder().withNewMetadata()
          .withName("bind-edit").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "bind-edit")
          .addNewSubject().withKind("ServiceAccount").withName(SA).withNamespace(NS).endSubject().build()).create();
      sa.rbac().roleBindings().inNamespace(NS).resource(binding).create();
    }
  }

  @Test
  void journalRecordsWhoMadeEachRequest() {
    try (KubernetesClient sa = serviceAccountClient()) {
      fixture.server().journal().reset();
      assertThatThrownBy(() -> sa.pods().inNamespace(NS).list()).isInstanceOf(KubernetesClientException.class);
      assertThat(fixture.server().journal().calls()).anySatisfy(call -> {
        assertThat(call.user()).isEqualTo(SA_USER);
        assertThat(call.code()).isEqualTo(403);
        assertThat(call.rbacResource()).isEqualTo("pods");
      });
    }
  }

  @Test
  void kubeconfigForAServiceAccountAuthenticatesAsIt() {
    serviceAccountClient().close();
    grant("pods", List.of(rule("", "pods", "list")));
    io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(
        fixture.server().kubeconfigFor(NS, SA));
    try (KubernetesClient sa = fixture.server().newClient(config)) {
      assertThat(sa.getNamespace()).isEqualTo(NS);
      assertThat(sa.pods().list().getItems()).isEmpty();
      assertThatThrownBy(() -> sa.configMaps().list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }
}
