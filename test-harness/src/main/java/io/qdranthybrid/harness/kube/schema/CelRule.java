package io.qdranthybrid.harness.kube.schema;

import dev.cel.runtime.CelRuntime;

/**
 * One compiled {@code x-kubernetes-validations} entry. A rule that failed to compile keeps its compile error and
 * reports it on every write instead of evaluating.
 *
 * @param rule              the CEL source
 * @param program           the compiled rule, null when it did not compile
 * @param compileError      why it did not compile, null when it did
 * @param message           the static message, possibly empty
 * @param messageExpression the compiled messageExpression, null when absent or not compiled
 * @param fieldPath         the JSON path the failure is reported at, relative to the rule's node, possibly empty
 * @param reason            the cause reason ({@code FieldValueInvalid} when absent)
 * @param transition        whether the rule reads {@code oldSelf}, so it runs only on updates with an old value
 */
record CelRule(String rule, CelRuntime.Program program, String compileError, String message,
               CelRuntime.Program messageExpression, String fieldPath, String reason, boolean transition) {
}
