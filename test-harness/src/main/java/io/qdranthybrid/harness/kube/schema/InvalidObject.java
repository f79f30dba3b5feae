package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Field errors as the body of a 422 Invalid {@code Status}: the message after {@code "<name>" is invalid: } (one
 * error as is, several as {@code [a, b]} like {@code utilerrors.NewAggregate}) and one {@code details.causes[]}
 * entry per error (see {@code NewInvalid} in k8s.io/apimachinery/pkg/api/errors/errors.go).
 */
public final class InvalidObject {

  private InvalidObject() {
  }

  /** The aggregate message; duplicates are printed once, as the real aggregate does. */
  public static String message(List<FieldError> errors) {
    Set<String> messages = new LinkedHashSet<>();
    errors.forEach(e -> messages.add(e.toString()));
    return messages.size() == 1 ? messages.iterator().next() : "[" + String.join(", ", messages) + "]";
  }

  /** {@code details.causes}: reason, message (the error body) and field of each error. */
  public static ArrayNode causes(List<FieldError> errors) {
    ArrayNode causes = JsonNodeFactory.instance.arrayNode();
    for (FieldError error : errors) {
      causes.addObject().put("reason", error.type().reason()).put("message", error.body())
          .put("field", error.field());
    }
    return causes;
  }

  /** The {@code Warning} header text for a pruned field, as kubectl prints it. */
  public static String unknownFieldWarning(String path) {
    return "unknown field " + GoValues.quote(path);
  }
}
