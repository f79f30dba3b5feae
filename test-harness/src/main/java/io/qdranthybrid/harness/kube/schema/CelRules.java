package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles and evaluates {@code x-kubernetes-validations} rules with cel-java, the way
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go does: {@code self} is the value at the
 * rule's node, {@code oldSelf} its old value on updates; a rule that reads {@code oldSelf} is a transition rule
 * and runs only when an old value exists. {@code self} is typed {@code dyn} here, so type errors a real server
 * reports when the CRD is created surface at evaluation instead.
 */
final class CelRules {

  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
  private static final CelOptions OPTIONS = CelOptions.current().build();
  private static final Cel CEL = CelFactory.standardCelBuilder()
      .setOptions(OPTIONS)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .addVar("oldSelf", SimpleType.DYN)
      .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.sets(OPTIONS),
          CelExtensions.optional())
      .addFunctionDeclarations(KubernetesCelLibrary.declarations())
      .addFunctionBindings(KubernetesCelLibrary.bindings())
      .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.sets(OPTIONS),
          CelExtensions.optional())
      .build();

  private CelRules() {
  }

  /** Compiles one validation entry; compile errors are kept in the rule, as the write that meets it reports them. */
  static CelRule compile(JsonNode validation) {
    String rule = validation.path("rule").asText("");
    String message = validation.path("message").asText("");
    String fieldPath = validation.path("fieldPath").asText("");
    String reason = validation.path("reason").asText("FieldValueInvalid");
    boolean transition = OLD_SELF.matcher(rule).find();
    CelRuntime.Program program = null;
    String compileError = null;
    try {
      program = program(rule);
    } catch (IllegalArgumentException e) {
      compileError = e.getMessage();
    }
    CelRuntime.Program messageExpression = null;
    String source = validation.path("messageExpression").asText("");
    if (!source.isEmpty()) {
      try {
        messageExpression = program(source);
      } catch (IllegalArgumentException e) {
        compileError = compileError == null ? "messageExpression: " + e.getMessage() : compileError;
      }
    }
    return new CelRule(rule, program, compileError, message, messageExpression, fieldPath, reason, transition);
  }

  private static CelRuntime.Program program(String source) {
    CelValidationResult result = CEL.compile(source);
    if (result.hasError()) {
      throw new IllegalArgumentException("compilation failed: " + result.getErrorString());
    }
    try {
      return CEL.createProgram(result.getAst());
    } catch (Exception e) {
      throw new IllegalArgumentException("compilation failed: " + e.getMessage(), e);
    }
  }

  /** The outcome of one rule: null when it holds, otherwise the message to report. */
  static String failure(CelRule rule, Object self, Object oldSelf) {
    if (rule.compileError() != null) {
      return "rule compiler initialization error: " + rule.compileError();
    }
    Map<String, Object> vars = new HashMap<>(2);
    vars.put("self", self);
    if (oldSelf != null) {
      vars.put("oldSelf", oldSelf);
    }
    Object result;
    try {
      result = rule.program().eval(vars);
    } catch (CelEvaluationException e) {
      return "rule evaluation error: " + e.getMessage();
    }
    if (Boolean.TRUE.equals(result)) {
      return null;
    }
    if (!(result instanceof Boolean)) {
      return "rule evaluation error: the rule returned " + result + ", not a bool";
    }
    return message(rule, vars);
  }

  /** messageExpression when it yields a non-empty single-line string, else message, else {@code failed rule}. */
  private static String message(CelRule rule, Map<String, Object> vars) {
    if (rule.messageExpression() != null) {
      try {
        Object value = rule.messageExpression().eval(vars);
        if (value instanceof String s && !s.isBlank() && !s.contains("\n")) {
          return s;
        }
      } catch (CelEvaluationException e) {
        // Like the real server: an erroring messageExpression falls back to the static message.
      }
    }
    if (!rule.message().isEmpty()) {
      return rule.message();
    }
    return "failed rule: " + rule.rule().trim().replaceAll("\\s*\\n\\s*", " ");
  }

  /** The CEL value of a JSON tree: maps, lists, {@code int}, {@code double}, {@code string}, {@code bool}. */
  static Object value(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    if (node.isNull()) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(value(item)));
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(escapedPropertyName(e.getKey()), value(e.getValue()));
    }
    return map;
  }

  /** CEL keywords a property name is escaped from, e.g. {@code self.__namespace__} reads the field {@code namespace}. */
  private static final java.util.Set<String> RESERVED = java.util.Set.of("true", "false", "null", "in", "as", "break",
      "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
      "var", "void", "while");

  /**
   * How a property name appears to CEL rules (k8s.io/apiserver/pkg/cel/escaping.go; the "Escaping" section of the
   * CRD validation-rules docs): keywords become {@code __keyword__}, and {@code __}, {@code .}, {@code -}, {@code /}
   * become {@code __underscores__}, {@code __dot__}, {@code __dash__}, {@code __slash__}.
   */
  static String escapedPropertyName(String name) {
    if (RESERVED.contains(name)) {
      return "__" + name + "__";
    }
    if (name.indexOf('_') < 0 && name.indexOf('.') < 0 && name.indexOf('-') < 0 && name.indexOf('/') < 0) {
      return name;
    }
    return name.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__")
        .replace("/", "__slash__");
  }
}
