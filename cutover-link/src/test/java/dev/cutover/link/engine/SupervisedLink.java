package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.CutoverException;
import dev.cutover.link.txn.LinkTakeover;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * A link that survives its engine failing, as {@code link start} runs it today: a {@link LinkEngine} in its own
 * thread, and after a failure that is not a {@link CutoverException} a new engine that takes over from the failed one
 * with the real {@link LinkTakeover} (it commits what the failed engine left open), up to {@link #MAX_RESTARTS} times.
 * Records what the engines told their listener and why each failed. {@link #close()} stops the current engine cleanly
 * (it writes a last checkpoint) and fails if the link ended by itself.
 *
 * <p>Meant to be replaced by the link service's handle and restart policy once the engine has them.
 */
final class SupervisedLink implements AutoCloseable, LinkEngine.Listener {
    static final int MAX_RESTARTS = 10;

    final List<String> infos = new CopyOnWriteArrayList<>();
    /** Why each engine failed, in order; a restart followed each but the last when the budget ran out. */
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    final Map<TopicPartition, String> errors = new ConcurrentHashMap<>();
    private final Map<String, Object> sourceProps;
    private final Map<String, Object> targetProps;
    private final LinkSettings settings;
    private final Thread thread;
    private volatile LinkEngine engine;
    private volatile boolean stopping;
    private volatile Throwable ended;
    private volatile long copiedBefore;

    private SupervisedLink(Map<String, Object> sourceProps, Map<String, Object> targetProps, LinkSettings settings) {
        this.sourceProps = sourceProps;
        this.targetProps = targetProps;
        this.settings = settings;
        this.thread = new Thread(
                this::runEngines, "supervised-link-" + settings.topics().link());
        thread.setUncaughtExceptionHandler((t, e) -> ended = e);
    }

    /** Starts the link and returns once its first engine copies. */
    static SupervisedLink start(
            Map<String, Object> sourceProps, Map<String, Object> targetProps, LinkSettings settings, Duration timeout)
            throws InterruptedException {
        SupervisedLink link = new SupervisedLink(sourceProps, targetProps, settings);
        link.thread.start();
        link.await(() -> link.infos.stream().anyMatch(m -> m.startsWith("copying ")), timeout);
        return link;
    }

    private void runEngines() {
        while (!stopping) {
            LinkEngine current = new LinkEngine(sourceProps, targetProps, settings, this, new LinkTakeover());
            engine = current;
            if (stopping) {
                current.stop(); // close() may have read the previous engine: stop this one too
            }
            try (current) {
                current.run();
                return;
            } catch (CutoverException e) {
                ended = e;
                return;
            } catch (RuntimeException e) {
                copiedBefore += current.copiedTotal();
                failures.add(e);
                if (failures.size() > MAX_RESTARTS) {
                    ended = e;
                    return;
                }
                // The next engine waits out the failed one's lease, then takes over.
            }
        }
    }

    /** Records copied and committed by every engine so far. */
    long copied() {
        LinkEngine current = engine;
        return copiedBefore + (current == null ? 0 : current.copiedTotal());
    }

    /** Polls until the condition holds; fails at the timeout, or at once if the link ended by itself. */
    void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(ended).as("the link ended by itself").isNull();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; the link said " + infos);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void partitionError(TopicPartition tp, String reason) {
        errors.put(tp, reason);
    }

    /** Stops the current engine cleanly; fails if the link had ended by itself or does not stop. */
    @Override
    public void close() {
        stopping = true;
        LinkEngine current = engine;
        if (current != null) {
            current.stop();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("link thread still running").isFalse();
        assertThat(ended).as("the link ended by itself").isNull();
    }
}
