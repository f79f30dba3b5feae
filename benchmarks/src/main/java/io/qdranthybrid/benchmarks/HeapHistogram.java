package io.qdranthybrid.benchmarks;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects on the heap by class, as {@code jcmd <pid> GC.class_histogram} prints them (it runs a full
 * collection first), read in-process through the DiagnosticCommand MBean. Two of them subtracted say what a component
 * holds: taken with the operator running and again once it is closed, the difference is the operator's heap by class.
 */
public final class HeapHistogram {

    /** A line of the histogram: "   1:   123456   7890123  java.lang.String (java.base@17)". */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Instances and bytes of one class. */
    public record Entry(String className, long instances, long bytes) {
    }

    private final Map<String, Entry> byClass;

    private HeapHistogram(Map<String, Entry> byClass) {
        this.byClass = byClass;
    }

    /** Collects the heap and reads its histogram. */
    public static HeapHistogram take() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return parse(String.valueOf(text));
        } catch (JMException e) {
            throw new IllegalStateException("this JVM offers no class histogram: " + e.getMessage(), e);
        }
    }

    static HeapHistogram parse(String text) {
        Map<String, Entry> byClass = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                String name = row.group(3);
                byClass.merge(name, new Entry(name, Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                        (a, b) -> new Entry(name, a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        return new HeapHistogram(byClass);
    }

    /** What this histogram holds beyond {@code other}, the largest first; classes that shrank are left out. */
    public List<Entry> minus(HeapHistogram other) {
        return byClass.values().stream()
                .map(entry -> {
                    Entry before = other.byClass.getOrDefault(entry.className(), new Entry(entry.className(), 0, 0));
                    return new Entry(entry.className(), entry.instances() - before.instances(),
                            entry.bytes() - before.bytes());
                })
                .filter(entry -> entry.bytes() > 0)
                .sorted(Comparator.comparingLong(Entry::bytes).reversed())
                .toList();
    }
}
