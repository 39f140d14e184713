package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.sync.SyncReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link LinkEngine} running in its own thread while a test changes the clusters under it; records what the engine
 * told its listener. {@link #close()} stops it (a clean stop writes a last checkpoint) and fails if the engine thread
 * failed.
 */
final class RunningLink implements AutoCloseable, LinkEngine.Listener {
    final LinkEngine engine;
    final LinkSettings settings;
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<SyncReport.Item> topicItems = new CopyOnWriteArrayList<>();
    final Map<TopicPartition, String> errors = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile Throwable failure;

    private RunningLink(Map<String, Object> sourceProps, Map<String, Object> targetProps, LinkSettings settings) {
        this.settings = settings;
        this.engine = new LinkEngine(
                sourceProps, targetProps, settings, this, (props, id, timeout) -> "no takeover in this test");
        this.thread = new Thread(engine::run, "link-follow-it");
        thread.setUncaughtExceptionHandler((t, e) -> failure = e);
    }

    static RunningLink start(Map<String, Object> sourceProps, Map<String, Object> targetProps, LinkSettings settings)
            throws InterruptedException {
        RunningLink link = new RunningLink(sourceProps, targetProps, settings);
        link.thread.start();
        link.await(() -> link.infos.stream().anyMatch(m -> m.startsWith("copying ")));
        return link;
    }

    /** Polls until the condition holds; fails at the harness timeout, or at once if the engine failed. */
    void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LinkHarness.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(failure).as("engine failure").isNull();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + LinkHarness.TIMEOUT + "; engine said " + infos);
            }
            Thread.sleep(100);
        }
    }

    boolean told(String fragment) {
        return infos.stream().anyMatch(m -> m.contains(fragment));
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void topicSynced(SyncReport.Item item) {
        topicItems.add(item);
        LinkEngine.Listener.super.topicSynced(item);
    }

    @Override
    public void partitionError(TopicPartition tp, String reason) {
        errors.put(tp, reason);
    }

    /** Stops the engine; restores the interrupt flag rather than declaring InterruptedException (-Xlint:try). */
    @Override
    public void close() {
        engine.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        assertThat(thread.isAlive()).as("engine thread still running").isFalse();
        assertThat(failure).as("engine failure").isNull();
    }
}
