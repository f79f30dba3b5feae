package io.qdranthybrid.harness.sandbox;

/**
 * The sandbox's output is a progress log, not the components' logs: warnings and errors only unless asked for more.
 * Configures slf4j-simple (the backend in the sandbox jar) and must run before the first logger is created. A
 * setting given with {@code -D} on the command line wins.
 */
final class QuietLogging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private QuietLogging() {
    }

    static void configure(boolean verbose) {
        setIfAbsent("defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("logFile", "System.err");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
