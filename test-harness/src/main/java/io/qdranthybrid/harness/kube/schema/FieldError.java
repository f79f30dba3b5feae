package io.qdranthybrid.harness.kube.schema;

import java.util.Objects;

/**
 * One violation, shaped like the API machinery's {@code field.Error}: a type (which becomes the cause's
 * {@code reason}), the field path, the offending value and a detail. {@link #body()} and {@link #toString()}
 * render it as {@code ErrorBody()} and {@code Error()} do in k8s.io/apimachinery/pkg/util/validation/field/errors.go.
 *
 * @param type     what kind of violation
 * @param field    the path, e.g. {@code spec.size} or {@code spec.nodes[0].name}
 * @param badValue the value as the real server would print it: a JSON value, or {@link #OMIT} when the type
 *                 prints no value
 * @param detail   the message after the value, possibly empty
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  /** Marker for errors whose rendering leaves the value out, like {@code field.Required}. */
  public static final Object OMIT = new Object() {
    @Override
    public String toString() {
      return "<omitted>";
    }
  };

  /** The {@code field.ErrorType}s a CRD schema can produce, with their cause reason and printed text. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    FORBIDDEN("FieldValueForbidden", "Forbidden");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }

    /** The {@code StatusCause} reason, e.g. {@code FieldValueInvalid}. */
    public String reason() {
      return reason;
    }
  }

  public FieldError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    detail = detail == null ? "" : detail;
  }

  static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, OMIT, detail);
  }

  static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  /**
   * The text after the field: {@code Required value}, {@code Invalid value: 0: <detail>}... Required, Forbidden
   * and Too long print no value, as in the real {@code ErrorBody}.
   */
  public String body() {
    String s;
    if (type == Type.REQUIRED || type == Type.FORBIDDEN || type == Type.TOO_LONG || badValue == OMIT) {
      s = type.text;
    } else {
      s = type.text + ": " + GoValues.print(badValue);
    }
    return detail.isEmpty() ? s : s + ": " + detail;
  }

  /** {@code field: body}, the real {@code Error()}. */
  @Override
  public String toString() {
    return field.isEmpty() ? body() : field + ": " + body();
  }
}
