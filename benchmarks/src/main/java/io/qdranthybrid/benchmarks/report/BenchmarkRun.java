package io.qdranthybrid.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run of a benchmark reports: its figures, the targets they are held to, how to reproduce it, what
 * a reader must know to trust it (notes), and the machine. Built up while the benchmark runs, then written by
 * {@link ReportWriter}.
 */
public final class BenchmarkRun {

    private final String name;
    private final String title;
    private final String command;
    private final List<Figure> figures = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Machine machine = Machine.current();

    /**
     * @param name    file name of the results, e.g. "convergence"
     * @param title   one line saying what was measured
     * @param command the command that reproduces this run
     */
    public BenchmarkRun(String name, String title, String command) {
        this.name = Objects.requireNonNull(name, "name");
        this.title = Objects.requireNonNull(title, "title");
        this.command = Objects.requireNonNull(command, "command");
    }

    public BenchmarkRun figure(String figure, double value, String unit) {
        if (find(figure).isPresent()) {
            throw new IllegalArgumentException("figure \"" + figure + "\" was already reported in this run");
        }
        figures.add(new Figure(figure, value, unit));
        return this;
    }

    public BenchmarkRun target(Target target) {
        targets.add(target);
        return this;
    }

    public BenchmarkRun note(String note) {
        notes.add(note);
        return this;
    }

    /** Records the machine as it is now, at the end of the run. */
    public BenchmarkRun finish() {
        machine = Machine.current();
        return this;
    }

    public Optional<Figure> find(String figure) {
        return figures.stream().filter(f -> f.name().equals(figure)).findFirst();
    }

    /** A target's verdict: met, missed, or not measured (its figure is absent, e.g. a size that was not run). */
    public Verdict verdict(Target target) {
        return find(target.figure()).map(f -> target.metBy(f.value()) ? Verdict.MET : Verdict.MISSED)
                .orElse(Verdict.NOT_MEASURED);
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public String command() {
        return command;
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public List<Target> targets() {
        return List.copyOf(targets);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public Machine machine() {
        return machine;
    }

    public enum Verdict {
        MET("pass"), MISSED("FAIL"), NOT_MEASURED("not measured");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
