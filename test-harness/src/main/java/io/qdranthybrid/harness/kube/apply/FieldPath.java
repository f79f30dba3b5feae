package io.qdranthybrid.harness.kube.apply;

import java.util.ArrayList;
import java.util.List;

/** A path from the root of an object to one of its fields, list items or values. */
public record FieldPath(List<PathElement> elements) {

  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    elements = List.copyOf(elements);
  }

  public static FieldPath of(String... fields) {
    List<PathElement> elements = new ArrayList<>();
    for (String field : fields) {
      elements.add(new PathElement.Field(field));
    }
    return new FieldPath(elements);
  }

  public FieldPath child(PathElement element) {
    List<PathElement> next = new ArrayList<>(elements);
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

  /** As conflict messages print it: {@code .spec.containers[name="qdrant"].image}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    elements.forEach(s::append);
    return s.toString();
  }
}
