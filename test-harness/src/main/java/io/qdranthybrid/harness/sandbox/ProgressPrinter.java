package io.qdranthybrid.harness.sandbox;

import io.qdranthybrid.harness.timeline.TimelineEvent;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns timeline events into the sandbox's progress log: one readable line for each step a user cares about
 * (environment onboarding, the agent's connection, each node coming up, cluster phases), nothing for the rest.
 */
final class ProgressPrinter implements Consumer<TimelineEvent> {

    private static final String POD_PREFIX = "Pod/";

    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(TimelineEvent event) {
        line(event).ifPresent(text -> {
            synchronized (out) {
                out.printf("[%6.1fs] %s%n", event.elapsed().toMillis() / 1000.0, text);
            }
        });
    }

    /** The line for an event, or empty for events a progress log leaves out. */
    static Optional<String> line(TimelineEvent event) {
        String subject = event.subject();
        String detail = event.detail();
        return Optional.ofNullable(switch (event.source()) {
            case CONTROL_PLANE -> switch (event.event()) {
                case "environment-created" -> "environment created: " + detail;
                case "environment-bootstrapped" -> "bootstrap commands generated (" + detail + ")";
                case "agent-connected" -> "agent connected to the control plane";
                case "agent-disconnected" -> "agent disconnected from the control plane";
                case "cluster-created" -> "cluster " + subject + " requested: " + detail;
                case "cluster-changed" -> "cluster " + subject + " changed: " + detail;
                case "cluster-deleted" -> "cluster " + subject + " deleted";
                case "cluster-status" -> detail.equals("no phase yet") ? null : "cluster " + subject + " is " + detail;
                case "outage-started" -> "control plane down (" + detail + ")";
                case "outage-ended" -> "control plane back (" + detail + ")";
                case "resource-rejected" -> "agent rejected " + subject + ": " + detail;
                default -> null;
            };
            case ENVIRONMENT -> switch (event.event()) {
                case "phase" -> "environment is " + detail;
                case "component" -> "component " + subject + " is " + detail;
                default -> null;
            };
            case POD -> subject.startsWith(POD_PREFIX) ? node(subject.substring(POD_PREFIX.length()),
                    event.event(), detail) : null;
            case AGENT -> switch (event.event()) {
                case "started" -> "agent started (" + detail + ")";
                case "refused" -> "agent refused by the control plane: " + detail;
                default -> null;
            };
            case OPERATOR -> event.event().equals("started") ? "operator started in namespace " + subject : null;
            case FAULT -> "fault: " + subject + " " + event.event() + (detail.isEmpty() ? "" : " " + detail);
            case TEST -> detail;
            case RESOURCE -> null;
        });
    }

    private static String node(String pod, String event, String detail) {
        return switch (event) {
            case "created" -> "node " + pod + " scheduled";
            case "readiness" -> detail.equals("Ready") ? "node " + pod + " ready" : "node " + pod + " not ready";
            case "deleted" -> "node " + pod + " removed";
            default -> null;
        };
    }
}
