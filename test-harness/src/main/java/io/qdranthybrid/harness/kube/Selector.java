package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A label selector plus a field selector, parsed from the query string the way the real API server reads
 * them: {@code a=b, a==b, a!=b, a in (x,y), a notin (x,y), a, !a} for labels; {@code path=v, path!=v} for
 * fields (any dotted JSON path, e.g. {@code metadata.name} or {@code spec.nodeName}).
 */
record Selector(List<Requirement> labels, List<Requirement> fields) {

  static final Selector EVERYTHING = new Selector(List.of(), List.of());

  enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

  record Requirement(String key, Operator operator, Set<String> values) {

    boolean matches(String actual) {
      return switch (operator) {
        case EQUALS, IN -> actual != null && values.contains(actual);
        case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
        case EXISTS -> actual != null;
        case NOT_EXISTS -> actual == null;
      };
    }
  }

  static Selector parse(String labelSelector, String fieldSelector) {
    List<Requirement> labels = blank(labelSelector) ? List.of() : parseRequirements(labelSelector, true);
    List<Requirement> fields = blank(fieldSelector) ? List.of() : parseRequirements(fieldSelector, false);
    return labels.isEmpty() && fields.isEmpty() ? EVERYTHING : new Selector(labels, fields);
  }

  boolean matches(JsonNode object) {
    if (!labels.isEmpty()) {
      JsonNode objectLabels = object.path("metadata").path("labels");
      for (Requirement r : labels) {
        JsonNode value = objectLabels.get(r.key());
        if (!r.matches(value == null || value.isNull() ? null : value.asText())) {
          return false;
        }
      }
    }
    for (Requirement r : fields) {
      JsonNode node = object;
      for (String part : r.key().split("\\.")) {
        node = node.path(part);
      }
      // The real server compares missing fields as empty strings.
      String actual = node.isMissingNode() || node.isNull() ? "" : node.asText();
      if (!r.matches(actual)) {
        return false;
      }
    }
    return true;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static List<Requirement> parseRequirements(String selector, boolean labels) {
    List<Requirement> requirements = new ArrayList<>();
    for (String term : splitTopLevel(selector)) {
      String t = term.trim();
      if (t.isEmpty()) {
        continue;
      }
      requirements.add(parseTerm(t, labels, selector));
    }
    return List.copyOf(requirements);
  }

  private static Requirement parseTerm(String t, boolean labels, String selector) {
    int open = t.indexOf('(');
    if (open > 0 && labels) {
      String head = t.substring(0, open).trim();
      if (!t.endsWith(")")) {
        throw ApiException.badRequest("unable to parse requirement: unclosed set in selector \"" + selector + "\"");
      }
      Set<String> values = Set.copyOf(List.of(t.substring(open + 1, t.length() - 1).trim().split("\\s*,\\s*")));
      String[] words = head.split("\\s+");
      if (words.length == 2 && words[1].equals("in")) {
        return new Requirement(words[0], Operator.IN, values);
      }
      if (words.length == 2 && words[1].equals("notin")) {
        return new Requirement(words[0], Operator.NOT_IN, values);
      }
      throw ApiException.badRequest("unable to parse requirement \"" + t + "\" in selector \"" + selector + "\"");
    }
    int ne = t.indexOf("!=");
    if (ne > 0) {
      return new Requirement(t.substring(0, ne).trim(), Operator.NOT_EQUALS, Set.of(t.substring(ne + 2).trim()));
    }
    int eq = t.indexOf('=');
    if (eq > 0) {
      int valueStart = t.startsWith("==", eq) ? eq + 2 : eq + 1;
      return new Requirement(t.substring(0, eq).trim(), Operator.EQUALS, Set.of(t.substring(valueStart).trim()));
    }
    if (!labels) {
      throw ApiException.badRequest("invalid field selector term \"" + t + "\": expected key=value or key!=value");
    }
    if (t.startsWith("!")) {
      return new Requirement(t.substring(1).trim(), Operator.NOT_EXISTS, Set.of());
    }
    if (t.contains(" ")) {
      throw ApiException.badRequest("unable to parse requirement \"" + t + "\" in selector \"" + selector + "\"");
    }
    return new Requirement(t, Operator.EXISTS, Set.of());
  }

  /** Splits on commas that are not inside an {@code in (...)} set. */
  private static List<String> splitTopLevel(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }
}
