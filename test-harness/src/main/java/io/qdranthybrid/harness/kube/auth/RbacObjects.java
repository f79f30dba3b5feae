package io.qdranthybrid.harness.kube.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The stored RBAC objects the authorizer reads, and a number that changes whenever any of them changes. */
public interface RbacObjects {

  List<JsonNode> roles();

  List<JsonNode> clusterRoles();

  List<JsonNode> roleBindings();

  List<JsonNode> clusterRoleBindings();

  /** Changes on every write to a Role, ClusterRole, RoleBinding or ClusterRoleBinding. */
  long version();
}
