package io.qdranthybrid.protocol.message;

/**
 * One prerequisite the agent checked in its environment (the real product ships a prerequisites script for the same
 * questions): what was found, and what to do about it when it is not a pass.
 *
 * @param name    what was checked, e.g. "Kubernetes version", "Default StorageClass"
 * @param found   what the check saw, for a human
 * @param advice  what to do; empty for a pass
 */
public record PrerequisiteCheck(String name, PrerequisiteVerdict verdict, String found, String advice) {

    public PrerequisiteCheck {
        Require.nonBlank(name, "prerequisite name");
        Require.present(verdict, "prerequisite verdict");
        found = Require.orEmpty(found);
        advice = Require.orEmpty(advice);
    }

    public static PrerequisiteCheck pass(String name, String found) {
        return new PrerequisiteCheck(name, PrerequisiteVerdict.PASS, found, "");
    }

    public static PrerequisiteCheck warn(String name, String found, String advice) {
        return new PrerequisiteCheck(name, PrerequisiteVerdict.WARN, found, advice);
    }

    public static PrerequisiteCheck fail(String name, String found, String advice) {
        return new PrerequisiteCheck(name, PrerequisiteVerdict.FAIL, found, advice);
    }
}
