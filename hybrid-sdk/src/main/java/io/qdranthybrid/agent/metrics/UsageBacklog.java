package io.qdranthybrid.agent.metrics;

import io.qdranthybrid.protocol.message.MetricSample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrapes waiting while the control plane is away: per cluster the latest always, plus at most {@code backlog} older
 * ones, so a long outage costs a bounded amount of memory and the charts still get a coarse history when the agent
 * is back. Scrapes given up are counted. Thread-safe.
 */
public final class UsageBacklog {

    private final int backlogPerCluster;
    private final Map<String, Deque<List<MetricSample>>> waiting = new LinkedHashMap<>();
    private long dropped;

    /** @param backlogPerCluster how many scrapes of one cluster are kept besides its latest */
    public UsageBacklog(int backlogPerCluster) {
        if (backlogPerCluster < 0) {
            throw new IllegalArgumentException("backlogPerCluster must be >= 0 but was " + backlogPerCluster);
        }
        this.backlogPerCluster = backlogPerCluster;
    }

    public synchronized void add(String clusterId, List<MetricSample> scrape) {
        Deque<List<MetricSample>> scrapes = waiting.computeIfAbsent(clusterId, id -> new ArrayDeque<>());
        scrapes.addLast(List.copyOf(scrape));
        while (scrapes.size() > backlogPerCluster + 1) {
            // The oldest goes first: the latest scrape is what the control plane needs most.
            scrapes.removeFirst();
            dropped++;
        }
    }

    /** Everything waiting, oldest scrape first per cluster, and forgets it. */
    public synchronized List<List<MetricSample>> drain() {
        List<List<MetricSample>> all = new ArrayList<>();
        waiting.values().forEach(all::addAll);
        waiting.clear();
        return all;
    }

    public synchronized int waitingScrapes() {
        return waiting.values().stream().mapToInt(Deque::size).sum();
    }

    /** Scrapes given up since the start to stay within the bound. */
    public synchronized long dropped() {
        return dropped;
    }
}
