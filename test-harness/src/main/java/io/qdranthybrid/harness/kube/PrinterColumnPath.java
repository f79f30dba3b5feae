package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset CRD printer columns use (apiextensions validation allows simple paths; Flux and the CSI
 * snapshotter add filters): {@code .spec.size}, {@code .items[0]}, {@code .list[*].name} and
 * {@code .status.conditions[?(@.type=="Ready")].status}. Evaluated like client-go's util/jsonpath: every match, in order.
 */
final class PrinterColumnPath {

  private static final Pattern FILTER = Pattern.compile("\\?\\(@\\.([\\w.-]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)");

  private final List<String> steps;

  private PrinterColumnPath(List<String> steps) {
    this.steps = steps;
  }

  /** Parses {@code path}; throws IllegalArgumentException for syntax this subset does not cover. */
  static PrinterColumnPath parse(String path) {
    String p = path.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1);
    }
    List<String> steps = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        if (end > i + 1) {
          steps.add(p.substring(i + 1, end));
        }
        i = end;
      } else if (c == '[') {
        int end = p.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed [ in JSONPath " + path);
        }
        steps.add(p.substring(i, end + 1));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' in JSONPath " + path);
      }
    }
    return new PrinterColumnPath(List.copyOf(steps));
  }

  /** Every value the path reaches in {@code root}, in document order; empty when it reaches nothing. */
  List<JsonNode> find(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (String step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  private static void apply(String step, JsonNode node, List<JsonNode> out) {
    if (!step.startsWith("[")) {
      JsonNode child = node.get(step);
      if (child != null && !child.isNull()) {
        out.add(child);
      }
      return;
    }
    String inner = step.substring(1, step.length() - 1).trim();
    if (!node.isArray()) {
      return;
    }
    if (inner.equals("*")) {
      node.forEach(out::add);
      return;
    }
    Matcher filter = FILTER.matcher(inner);
    if (filter.matches()) {
      for (JsonNode item : node) {
        JsonNode field = item;
        for (String part : filter.group(1).split("\\.")) {
          field = field.path(part);
        }
        if (field.isValueNode() && field.asText().equals(filter.group(2))) {
          out.add(item);
        }
      }
      return;
    }
    try {
      int index = Integer.parseInt(inner);
      JsonNode item = node.get(index < 0 ? node.size() + index : index);
      if (item != null) {
        out.add(item);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported JSONPath step " + step);
    }
  }
}
