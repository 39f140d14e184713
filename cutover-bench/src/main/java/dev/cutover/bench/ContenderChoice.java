package dev.cutover.bench;

import dev.cutover.link.engine.Takeover;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which contenders a session runs, as the command line names them: the standard ones ({@link LinkBenchmark.Contender},
 * e.g. {@code mm2-exactly-once}) and {@code connect-<n>}, cutover's link on Kafka Connect with n workers ({@link
 * ConnectLinkReplicator}). The Connect contenders run only when asked for: they start worker JVMs of their own.
 *
 * @param standard the standard contenders, run in their fixed order
 * @param connectWorkers the worker counts of the Connect contenders, run after them, fewest workers first
 */
public record ContenderChoice(Set<LinkBenchmark.Contender> standard, SortedSet<Integer> connectWorkers) {
    public static final String CONNECT_PREFIX = "connect-";
    /** {@code --workers} unless given: the Connect contenders run with 1 and 2 workers. */
    public static final int DEFAULT_WORKERS = 2;

    static final int MAX_WORKERS = 16;

    public ContenderChoice {
        standard = Set.copyOf(standard);
        connectWorkers = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(connectWorkers));
        if (standard.isEmpty() && connectWorkers.isEmpty()) {
            throw new IllegalArgumentException("no contenders");
        }
        for (int n : connectWorkers) {
            if (n < 1 || n > MAX_WORKERS) {
                throw new IllegalArgumentException(
                        "a Connect contender runs 1 to " + MAX_WORKERS + " workers, not " + n);
            }
        }
    }

    /**
     * Reads the command line's choice.
     *
     * @param names {@code --contenders}: standard names and {@code connect-<n>}; empty for every standard contender
     * @param connect {@code --connect}: adds the Connect contenders with 1 and {@code workers} workers
     * @param workers {@code --workers}, if given (default {@value #DEFAULT_WORKERS}); only with {@code --connect}
     * @throws IllegalArgumentException naming the known contenders, or saying what {@code --workers} needs
     */
    public static ContenderChoice parse(List<String> names, boolean connect, OptionalInt workers) {
        Set<LinkBenchmark.Contender> standard = EnumSet.noneOf(LinkBenchmark.Contender.class);
        SortedSet<Integer> connectWorkers = new TreeSet<>();
        for (String raw : names) {
            String name = raw.trim();
            if (name.startsWith(CONNECT_PREFIX)) {
                connectWorkers.add(workersOf(name));
            } else {
                try {
                    standard.add(LinkBenchmark.Contender.named(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            e.getMessage() + ", and connect-<workers> (cutover's link on Kafka Connect)", e);
                }
            }
        }
        if (names.isEmpty()) {
            standard = EnumSet.allOf(LinkBenchmark.Contender.class);
        }
        if (workers.isPresent() && !connect) {
            throw new IllegalArgumentException("--workers sets the Connect contenders' workers: add --connect (or name"
                    + " them in --contenders, e.g. connect-1,connect-3)");
        }
        if (connect) {
            int n = workers.orElse(DEFAULT_WORKERS);
            if (n < 1 || n > MAX_WORKERS) {
                throw new IllegalArgumentException("--workers is 1 to " + MAX_WORKERS + ", not " + n);
            }
            connectWorkers.add(1);
            connectWorkers.add(n);
        }
        return new ContenderChoice(standard, connectWorkers);
    }

    private static int workersOf(String name) {
        String count = name.substring(CONNECT_PREFIX.length());
        if (!count.matches("[1-9][0-9]?")) {
            throw new IllegalArgumentException("no contender '" + name + "': cutover's link on Kafka Connect is"
                    + " connect-<workers>, e.g. connect-1 or connect-2");
        }
        return Integer.parseInt(count);
    }

    /** Whether any contender runs on Kafka Connect workers. */
    public boolean connect() {
        return !connectWorkers.isEmpty();
    }

    /**
     * The contenders, in order: the chosen standard ones, then the Connect ones.
     *
     * @param tasks the Connect connector's {@code tasks.max}; empty for its default
     * @param workerHeap each Connect worker's {@code -Xmx}
     * @param producer whose producer settings write the Connect contenders' copies
     */
    public LinkBenchmark.Contenders contenders(
            Takeover takeover, OptionalInt tasks, String workerHeap, ConnectLinkReplicator.Producer producer) {
        if (standard.stream().anyMatch(c -> c.name().startsWith("MM2"))) {
            BenchClassPath.requireMirrorMaker();
        }
        if (connect()) {
            BenchClassPath.requireConnect();
        }
        List<Replicator> all = new ArrayList<>();
        EnumSet<LinkBenchmark.Contender> ordered = EnumSet.noneOf(LinkBenchmark.Contender.class);
        ordered.addAll(standard);
        ordered.forEach(c -> all.add(c.replicator(takeover)));
        for (int n : connectWorkers) {
            all.add(new ConnectLinkReplicator(n, tasks, workerHeap, LinkBenchmark.GROUP, producer));
        }
        return new LinkBenchmark.Contenders(all);
    }
}
