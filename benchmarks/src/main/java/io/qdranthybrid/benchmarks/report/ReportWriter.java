package io.qdranthybrid.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a run as {@code <name>.json} (the latest run, for tools) and {@code <name>.md} (the latest run as a table of
 * figures, targets and verdicts, followed by a history that gains one row per run and keeps earlier rows).
 */
public final class ReportWriter {

    static final String HISTORY_HEADING = "## History";
    private static final String HISTORY_HEADER = "| finished (UTC) | machine | targets met | target figures |";
    private static final String HISTORY_SEPARATOR = "|---|---|---|---|";

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ReportWriter(Path directory) {
        this.directory = directory;
    }

    /** The results directory: {@code benchmarks/results} from the repository root, else {@code results}. */
    public static ReportWriter inDefaultDirectory() {
        Path fromRoot = Path.of("benchmarks", "results");
        return new ReportWriter(Files.isDirectory(Path.of("benchmarks")) ? fromRoot : Path.of("results"));
    }

    public Path directory() {
        return directory;
    }

    /** Writes both files and returns the markdown one. */
    public Path write(BenchmarkRun run) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(run.name() + ".json"), json.writeValueAsString(toJson(run)) + "\n",
                    StandardCharsets.UTF_8);
            Path markdown = directory.resolve(run.name() + ".md");
            List<String> history = Files.exists(markdown) ? historyRows(Files.readAllLines(markdown)) : new ArrayList<>();
            history.add(historyRow(run));
            Files.writeString(markdown, markdown(run, history), StandardCharsets.UTF_8);
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of " + run.name() + " to " + directory, e);
        }
    }

    ObjectNode toJson(BenchmarkRun run) {
        ObjectNode root = json.createObjectNode();
        root.put("name", run.name());
        root.put("title", run.title());
        root.put("command", run.command());
        root.set("machine", json.valueToTree(run.machine()));
        ArrayNode figures = root.putArray("figures");
        for (Figure figure : run.figures()) {
            figures.addObject().put("name", figure.name()).put("value", figure.value()).put("unit", figure.unit());
        }
        ArrayNode targets = root.putArray("targets");
        for (Target target : run.targets()) {
            ObjectNode node = targets.addObject().put("figure", target.figure()).put("bound", target.describe())
                    .put("threshold", target.threshold());
            run.find(target.figure()).ifPresent(f -> node.put("value", f.value()));
            node.put("verdict", run.verdict(target).label());
        }
        ArrayNode notes = root.putArray("notes");
        run.notes().forEach(notes::add);
        return root;
    }

    static String markdown(BenchmarkRun run, List<String> history) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(run.title()).append("\n\n");
        md.append("Reproduce (from the repository root):\n\n```bash\n").append(run.command()).append("\n```\n\n");
        md.append("## Latest run, finished ").append(run.machine().date()).append("\n\n");
        md.append("Machine: ").append(run.machine().summary()).append(".\n\n");
        md.append("| figure | value | target | verdict |\n|---|---|---|---|\n");
        for (Figure figure : run.figures()) {
            List<Target> targets = run.targets().stream().filter(t -> t.figure().equals(figure.name())).toList();
            String target = targets.stream().map(Target::describe).collect(Collectors.joining(", "));
            String verdict = targets.stream().map(t -> run.verdict(t).label()).collect(Collectors.joining(", "));
            md.append("| ").append(cell(figure.name())).append(" | ").append(figure.formatted()).append(" | ")
                    .append(target.isEmpty() ? "" : target + (figure.unit().isEmpty() ? "" : " " + figure.unit()))
                    .append(" | ").append(verdict).append(" |\n");
        }
        for (Target target : run.targets()) {
            if (run.find(target.figure()).isEmpty()) {
                md.append("| ").append(cell(target.figure())).append(" | | ").append(target.describe())
                        .append(" | ").append(BenchmarkRun.Verdict.NOT_MEASURED.label()).append(" |\n");
            }
        }
        if (!run.notes().isEmpty()) {
            md.append("\nNotes:\n\n");
            run.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        md.append('\n').append(HISTORY_HEADING).append("\n\n").append(HISTORY_HEADER).append('\n')
                .append(HISTORY_SEPARATOR).append('\n');
        history.forEach(row -> md.append(row).append('\n'));
        return md.toString();
    }

    static String historyRow(BenchmarkRun run) {
        long met = run.targets().stream().filter(t -> run.verdict(t) == BenchmarkRun.Verdict.MET).count();
        long measured = run.targets().stream().filter(t -> run.verdict(t) != BenchmarkRun.Verdict.NOT_MEASURED).count();
        String figures = run.targets().stream().map(Target::figure).distinct()
                .flatMap(name -> run.find(name).stream())
                .map(f -> f.name() + " = " + f.formatted())
                .collect(Collectors.joining("; "));
        return "| " + run.machine().date() + " | " + run.machine().cores() + " cores, Java "
                + System.getProperty("java.version") + " | " + met + "/" + measured + " | " + cell(figures) + " |";
    }

    /** The rows under the history heading of an earlier file, without its header. */
    static List<String> historyRows(List<String> lines) {
        List<String> rows = new ArrayList<>();
        boolean inHistory = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inHistory = line.equals(HISTORY_HEADING);
            } else if (inHistory && line.startsWith("|") && !line.equals(HISTORY_HEADER) && !line.equals(HISTORY_SEPARATOR)) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
