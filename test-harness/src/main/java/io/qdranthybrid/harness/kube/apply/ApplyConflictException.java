package io.qdranthybrid.harness.kube.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An apply that would change fields other managers own, without {@code force}. The message has the real server's
 * shape (k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager/internal/conflict.go NewConflictError).
 */
public final class ApplyConflictException extends RuntimeException {

  /** One conflicting field and the manager that owns it, as printed in the Status cause. */
  public record Conflict(String owner, FieldPath path) {
  }

  private final List<Conflict> conflicts;

  public ApplyConflictException(List<Conflict> conflicts) {
    super(message(conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  public List<Conflict> conflicts() {
    return conflicts;
  }

  private static String message(List<Conflict> conflicts) {
    if (conflicts.size() == 1) {
      Conflict only = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with " + only.owner() + ": " + only.path();
    }
    Map<String, List<FieldPath>> byOwner = new TreeMap<>();
    conflicts.forEach(c -> byOwner.computeIfAbsent(c.owner(), o -> new ArrayList<>()).add(c.path()));
    List<String> lines = new ArrayList<>();
    byOwner.forEach((owner, paths) -> {
      lines.add("conflicts with " + owner + ":");
      paths.forEach(p -> lines.add("- " + p));
    });
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }
}
