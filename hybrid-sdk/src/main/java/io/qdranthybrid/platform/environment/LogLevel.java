package io.qdranthybrid.platform.environment;

/** Log level of the agent and operator in an environment. */
public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}
