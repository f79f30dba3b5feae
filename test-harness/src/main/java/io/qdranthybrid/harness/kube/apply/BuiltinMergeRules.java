package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list and map semantics of the built-in kinds' fields, from the {@code +listType}, {@code +listMapKey},
 * {@code +mapType} and {@code +structType} markers (and, for strategic merge patch, the {@code patchMergeKey} tags)
 * in k8s.io/api/core/v1/types.go, apps/v1/types.go, policy/v1/types.go and
 * k8s.io/apimachinery/pkg/apis/meta/v1/types.go. Lists without a marker are atomic.
 */
public final class BuiltinMergeRules implements MergeRules {

  private static final ListType BY_NAME = ListType.map("name");
  private static final ListType CONTAINER_PORTS = ListType.map(List.of("containerPort", "protocol"),
      Map.of("protocol", TextNode.valueOf("TCP")));
  private static final ListType SERVICE_PORTS = ListType.map(List.of("port", "protocol"),
      Map.of("protocol", TextNode.valueOf("TCP")));
  private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");
  /** metav1.LabelSelector is {@code +structType=atomic}; Service's selector is {@code +mapType=atomic}. */
  private static final Set<String> ATOMIC_MAPS = Set.of("selector", "podSelector", "namespaceSelector",
      "labelSelector", "nodeSelectorTerms", "roleRef");

  private final String kind;

  public BuiltinMergeRules(String kind) {
    this.kind = kind;
  }

  @Override
  public ListType listType(List<String> fields) {
    if (fields.isEmpty()) {
      return ListType.ATOMIC;
    }
    String name = fields.get(fields.size() - 1);
    String parent = fields.size() > 1 ? fields.get(fields.size() - 2) : "";
    if (fields.size() == 2 && parent.equals("metadata")) {
      return switch (name) {
        case "ownerReferences" -> ListType.map("uid");
        case "finalizers" -> ListType.SET;
        default -> ListType.ATOMIC;
      };
    }
    if (name.equals("ports")) {
      if (CONTAINER_LISTS.contains(parent)) {
        return CONTAINER_PORTS;
      }
      return kind.equals("Service") && fields.size() == 2 ? SERVICE_PORTS : ListType.ATOMIC;
    }
    return switch (name) {
      case "containers", "initContainers", "ephemeralContainers", "volumes", "imagePullSecrets", "resourceClaims" ->
          BY_NAME;
      case "env" -> CONTAINER_LISTS.contains(parent) ? BY_NAME : ListType.ATOMIC;
      case "volumeMounts" -> ListType.map("mountPath");
      case "volumeDevices" -> ListType.map("devicePath");
      case "conditions" -> ListType.map("type");
      case "hostAliases" -> ListType.map("ip");
      case "topologySpreadConstraints" -> ListType.map("topologyKey", "whenUnsatisfiable");
      default -> ListType.ATOMIC; // tolerations, volumeClaimTemplates, args, command, rules, subjects ...
    };
  }

  @Override
  public boolean atomicMap(List<String> fields) {
    return !fields.isEmpty() && !fields.get(0).equals("metadata")
        && ATOMIC_MAPS.contains(fields.get(fields.size() - 1));
  }
}
