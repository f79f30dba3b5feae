package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints values the way the real server's Go code does in error messages: {@code %q} for strings, {@code %v}
 * for numbers and booleans, {@code %#v} for objects and arrays (as decoded JSON: {@code map[string]interface {}}
 * and {@code []interface {}}). See {@code ErrorBody} in k8s.io/apimachinery/pkg/util/validation/field/errors.go.
 */
final class GoValues {

  private GoValues() {
  }

  static String print(Object value) {
    if (value == null) {
      return "\"null\"";
    }
    if (value instanceof JsonNode node) {
      return printJson(node, true);
    }
    if (value instanceof Raw raw) {
      return printJson(raw.node(), false);
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Double d) {
      return formatFloat(d);
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("map[string]interface {}{");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "" : ", ").append(quote(String.valueOf(e.getKey()))).append(':')
            .append(print(e.getValue()));
        first = false;
      }
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[]interface {}{");
      for (int i = 0; i < list.size(); i++) {
        out.append(i > 0 ? ", " : "").append(print(list.get(i)));
      }
      return out.append('}').toString();
    }
    return String.valueOf(value);
  }

  /** A JSON value nested in a Go map or slice: printed as an element rather than a top-level value. */
  record Raw(JsonNode node) {
    static Raw of(JsonNode node) {
      return new Raw(node);
    }
  }

  private static String printJson(JsonNode node, boolean top) {
    if (node.isTextual()) {
      return quote(node.asText());
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    if (node.isNumber()) {
      return formatFloat(node.asDouble());
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isNull()) {
      return top ? "\"null\"" : "interface {}(nil)";
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[]interface {}{");
      for (int i = 0; i < node.size(); i++) {
        out.append(i > 0 ? ", " : "").append(printJson(node.get(i), false));
      }
      return out.append('}').toString();
    }
    // Go prints map keys sorted.
    StringBuilder out = new StringBuilder("map[string]interface {}{");
    List<String> keys = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    java.util.Collections.sort(keys);
    for (int i = 0; i < keys.size(); i++) {
      out.append(i > 0 ? ", " : "").append(quote(keys.get(i))).append(':')
          .append(printJson(node.get(keys.get(i)), false));
    }
    return out.append('}').toString();
  }

  /** Go's {@code %q}: double quotes with backslash escapes. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * Go's {@code %v} of a float64 ({@code strconv.FormatFloat(v, 'g', -1, 64)}): the shortest digits, in exponent
   * form ({@code 1e+06}) when the decimal exponent is below -4 or at least 6.
   */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return "0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    return exponent < -4 || exponent >= 6 ? goExponent(shortest, exponent) : shortest.toPlainString();
  }

  private static String goExponent(BigDecimal value, int exponent) {
    String digits = value.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = value.signum() < 0 ? "-" : "";
    String exp = String.format("%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }
}
