package io.qdranthybrid.harness.kube;

/**
 * The {@code fieldValidation} query parameter of a write (https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation):
 * what the server does with fields the schema does not know. {@code Warn} is the default; kubectl sends
 * {@code Strict} unless run with {@code --validate=false}. Held per request thread, like {@link ResponseWarnings}.
 */
enum FieldValidation {
  /** Drop unknown fields silently. */
  IGNORE,
  /** Drop unknown fields and warn about each. */
  WARN,
  /** Refuse the write with 400 BadRequest naming every unknown field. */
  STRICT;

  private static final ThreadLocal<FieldValidation> CURRENT = ThreadLocal.withInitial(() -> WARN);

  /** Sets the level of the request being served from its query parameter (absent or unknown: Warn). */
  static void begin(String parameter) {
    CURRENT.set(parameter == null ? WARN : switch (parameter) {
      case "Ignore" -> IGNORE;
      case "Strict" -> STRICT;
      default -> WARN;
    });
  }

  static FieldValidation current() {
    return CURRENT.get();
  }
}
