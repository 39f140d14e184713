package dev.cutover.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs tasks on their own threads. Not the common fork-join pool: on a 2-core machine it has one thread, so "parallel"
 * cluster starts would run one after another, and nodes that wait for each other's quorum could stall.
 */
final class Parallel {
    private static final Executor THREAD_PER_TASK = task -> {
        Thread thread = new Thread(task, "cutover-sandbox-task");
        thread.setDaemon(true);
        thread.start();
    };

    private Parallel() {}

    static <T> CompletableFuture<T> supply(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, THREAD_PER_TASK);
    }

    static CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, THREAD_PER_TASK);
    }

    static CompletableFuture<Void> runAll(List<? extends Runnable> tasks) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        tasks.forEach(t -> futures.add(run(t)));
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }
}
