package io.qdranthybrid.harness.kube.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from the root of an object to one of its fields, list items or values. Immutable; its hash is computed
 * once, because every write compares and intersects sets of hundreds of paths (a pod's status alone has dozens).
 */
public final class FieldPath {

  public static final FieldPath ROOT = new FieldPath(List.of());

  private final List<PathElement> elements;
  private final int hash;

  public FieldPath(List<PathElement> elements) {
    this.elements = List.copyOf(elements);
    this.hash = this.elements.hashCode();
  }

  public static FieldPath of(String... fields) {
    List<PathElement> elements = new ArrayList<>();
    for (String field : fields) {
      elements.add(new PathElement.Field(field));
    }
    return new FieldPath(elements);
  }

  public List<PathElement> elements() {
    return elements;
  }

  public FieldPath child(PathElement element) {
    List<PathElement> next = new ArrayList<>(elements.size() + 1);
    next.addAll(elements);
    next.add(element);
    return new FieldPath(next);
  }

  public FieldPath parent() {
    return new FieldPath(elements.subList(0, elements.size() - 1));
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  public PathElement last() {
    return elements.get(elements.size() - 1);
  }

  public boolean startsWith(FieldPath prefix) {
    return elements.size() >= prefix.elements.size() && elements.subList(0, prefix.elements.size())
        .equals(prefix.elements);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof FieldPath other && hash == other.hash && elements.equals(other.elements);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** As conflict messages print it: {@code .spec.containers[name="qdrant"].image}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    elements.forEach(s::append);
    return s.toString();
  }
}
