package io.qdranthybrid.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A benchmark's helper process: {@code io.qdranthybrid.benchmarks.Main <name> args} in a new JVM on this JVM's class
 * path, so what it runs (agents) stays out of the measured JVM. Its output is echoed with a prefix and kept for
 * {@link #awaitLine}; closing it closes its standard input, which is how helpers are told to exit.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, String name) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("[" + name + "] " + line);
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process exited
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(String name, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.qdranthybrid.benchmarks.Main");
        command.add(name);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        System.out.printf("started %s in a child JVM (pid %d)%n", name, process.pid());
        return new ChildJvm(process, name);
    }

    /** The next output line that matches, skipping others. */
    public String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (line != null && matching.test(line)) {
                return line;
            }
            if (line == null && (left <= 0 || !process.isAlive())) {
                throw new IllegalStateException("the child JVM printed no matching line within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
        }
    }

    /** Every output line not yet taken, in order; for helpers that print a stream of results. */
    public List<String> drain() {
        List<String> taken = new ArrayList<>();
        lines.drainTo(taken);
        return taken;
    }

    /** Kills the process as a crash would: no shutdown hooks, no closing handshakes. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException alreadyGone) {
            // it exited on its own
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
