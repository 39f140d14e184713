package dev.cutover.link.lifecycle;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Asks a running link, wherever it runs, to drain topics to the source's end and release them, and waits for its
 * answer: writes a {@link LinkState.DrainRequest} to the link's state topic (a plain producer, as {@link LinkStop}),
 * which the running instance takes at its next checkpoint (or at its start, if it was down), and reads back the {@link
 * LinkState.DrainDone} with where each partition ended. With {@code reverse}, the answer also turns the topics around:
 * the link's process starts copying them back (target → source) from exactly those ends.
 *
 * <p>The request id makes it idempotent: asked again (a resumed wave), an answered request returns its answer, and one
 * for topics already released is answered with where they ended. Needs {@code WRITE} and {@code READ} on {@code
 * __cutover.<link>.state} on the cluster the link writes to.
 */
public final class LinkDrain {
    private static final Duration POLL = Duration.ofMillis(250);
    /** How often an unanswered request is written again (a link that restarted meanwhile may have missed it). */
    private static final Duration RESEND = Duration.ofSeconds(10);

    private LinkDrain() {}

    /** How a drain ended. */
    public sealed interface Outcome {
        /** Drained and released; {@code ends} per partition, sorted. */
        record Drained(List<LinkState.End> ends) implements Outcome {}

        /** The link answered that it could not drain them (nothing released), and why. */
        record Refused(String why) implements Outcome {}

        /** No instance holds the link's lease: the request waits in the state for the next start. */
        record NotRunning(Optional<LinkState.Stopped> stopped) implements Outcome {}

        /** Asked, but not answered within the wait. */
        record NoAnswer(Optional<LinkState.Lease> lease) implements Outcome {}
    }

    /**
     * @param cluster the cluster the link writes to (its target; the source for a reverse copy)
     * @param id the request's id: the same id asks the same drain
     */
    public static Outcome drain(
            ConnectionProfile cluster,
            String link,
            String id,
            Set<String> topics,
            boolean reverse,
            String requestedBy,
            String host,
            Duration wait,
            Clock clock,
            Consumer<String> progress) {
        return ask(cluster, link, id, topics, reverse, null, requestedBy, host, wait, clock, progress);
    }

    /**
     * Asks the link to take released partitions on again, each from the exact source offset given ({@link
     * LinkState.End#sourceEnd()}); answered as a drain is, with where each partition's copy stands.
     */
    public static Outcome resume(
            ConnectionProfile cluster,
            String link,
            String id,
            List<LinkState.End> from,
            String requestedBy,
            String host,
            Duration wait,
            Clock clock,
            Consumer<String> progress) {
        Set<String> topics = new TreeSet<>();
        from.forEach(e -> topics.add(e.topic()));
        return ask(cluster, link, id, topics, false, from, requestedBy, host, wait, clock, progress);
    }

    private static Outcome ask(
            ConnectionProfile cluster,
            String link,
            String id,
            Set<String> topics,
            boolean reverse,
            List<LinkState.End> resumeFrom,
            String requestedBy,
            String host,
            Duration wait,
            Clock clock,
            Consumer<String> progress) {
        LinkTopics names = LinkTopics.named(link);
        LinkState.Snapshot state = read(cluster, names);
        Optional<Outcome> answered = answer(state, id);
        if (answered.isPresent()) {
            return answered.get();
        }
        Optional<Outcome> onConnect = onKafkaConnect(state, link, clock);
        if (onConnect.isPresent()) {
            return onConnect.get();
        }
        long now = clock.millis();
        LinkState.DrainRequest request = new LinkState.DrainRequest(
                LinkState.VERSION,
                id,
                List.copyOf(new TreeSet<>(topics)),
                reverse,
                requestedBy,
                host,
                now,
                Instant.ofEpochMilli(now).toString(),
                resumeFrom);
        write(cluster, names, request);
        if (state.lease().filter(l -> l.freshAt(clock.millis())).isEmpty()) {
            return new Outcome.NotRunning(state.stopped());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long resend = System.nanoTime() + RESEND.toNanos();
        while (true) {
            sleep();
            state = read(cluster, names);
            answered = answer(state, id);
            if (answered.isPresent()) {
                return answered.get();
            }
            if (System.nanoTime() >= deadline) {
                return new Outcome.NoAnswer(state.lease());
            }
            if (System.nanoTime() >= resend) {
                progress.accept("link '" + link + "' has not answered the " + (resumeFrom == null ? "drain" : "resume")
                        + " of " + topics + " yet; asking again");
                write(cluster, names, request);
                resend = System.nanoTime() + RESEND.toNanos();
            }
        }
    }

    /**
     * A link whose tasks run on Kafka Connect does not drain, release or turn topics around (its connector shares
     * partitions among tasks that each see a part): refused at once, with what to do, rather than waiting for an answer
     * that will not come.
     */
    static Optional<Outcome> onKafkaConnect(LinkState.Snapshot state, String link, Clock clock) {
        return state.lease()
                .filter(l -> l.freshAt(clock.millis()))
                .filter(l -> l.instance().startsWith(dev.cutover.link.engine.HostedCopy.CONNECT_INSTANCE))
                .map(l -> new Outcome.Refused("link '" + link + "' runs on Kafka Connect ("
                        + l.instance().substring(dev.cutover.link.engine.HostedCopy.CONNECT_INSTANCE.length())
                        + "), which does not drain or turn topics around: remove the connector (cutover link deploy"
                        + " --delete), start the link in-process with cutover link start (it resumes from the same"
                        + " state), then run or resume the wave"));
    }

    /**
     * Turns around a topic the link does not copy (one its writers wrote to both clusters, a dual write, and now write
     * to the target alone): records its {@link LinkState.Reversal} in the link's state, so that the link's process
     * copies what is written on the target from {@code ends}' target offsets on back to the source, landing from their
     * source offsets on. Writing the same reversal again changes nothing.
     */
    public static void turnAround(
            ConnectionProfile cluster, String link, String topic, List<LinkState.End> ends, String requestedBy) {
        LinkTopics names = LinkTopics.named(link);
        LinkState.Reversal reversal =
                new LinkState.Reversal(LinkState.VERSION, topic, ends, requestedBy, System.currentTimeMillis());
        try (var producer = producer(cluster, names)) {
            producer.send(LinkState.record(names, reversal)).get();
        } catch (ExecutionException e) {
            throw ClusterConnection.failure(
                    cluster, e.getCause() == null ? e : e.getCause(), "turn " + topic + " around in " + names.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterConnection.failure(cluster, e, "turn " + topic + " around in " + names.state());
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(cluster, e, "turn " + topic + " around in " + names.state());
        }
    }

    /**
     * Ends the turn-around of {@code topics} (a producer move rolled back): removes their {@link LinkState.Reversal}s
     * from the link's state, so that its process stops copying them back.
     */
    public static void endTurnAround(ConnectionProfile cluster, String link, Set<String> topics) {
        LinkTopics names = LinkTopics.named(link);
        try (var producer = producer(cluster, names)) {
            for (String topic : topics) {
                producer.send(LinkState.tombstone(names, LinkState.REVERSE + topic))
                        .get();
            }
        } catch (ExecutionException e) {
            throw ClusterConnection.failure(
                    cluster, e.getCause() == null ? e : e.getCause(), "end the turn-around in " + names.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterConnection.failure(cluster, e, "end the turn-around in " + names.state());
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(cluster, e, "end the turn-around in " + names.state());
        }
    }

    /** The link's state as written on {@code cluster}. */
    public static LinkState.Snapshot read(ConnectionProfile cluster, LinkTopics topics) {
        try {
            return LinkState.read(cluster.clientProperties(), topics, cluster.timeout());
        } catch (CutoverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(cluster, e, "read the link's state from " + topics.state());
        }
    }

    private static Optional<Outcome> answer(LinkState.Snapshot state, String id) {
        LinkState.DrainDone done = state.drainsDone().get(id);
        if (done == null) {
            return Optional.empty();
        }
        return Optional.of(
                done.failure() == null ? new Outcome.Drained(done.ends()) : new Outcome.Refused(done.failure()));
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(dev.cutover.api.Reason.CHECK_FAILED, "interrupted", null, e);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(ConnectionProfile cluster, LinkTopics topics) {
        Map<String, Object> p = new HashMap<>(cluster.clientProperties());
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cutover-link-drain-" + topics.link());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, cluster.timeout().toMillis());
        int requestMs = (int) Math.max(cluster.timeout().toMillis(), 1_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestMs);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, requestMs + 1_000);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void write(ConnectionProfile cluster, LinkTopics topics, LinkState.DrainRequest request) {
        try (var producer = producer(cluster, topics)) {
            producer.send(LinkState.record(topics, request)).get();
        } catch (ExecutionException e) {
            throw ClusterConnection.failure(
                    cluster, e.getCause() == null ? e : e.getCause(), "write a drain request to " + topics.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterConnection.failure(cluster, e, "write a drain request to " + topics.state());
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(cluster, e, "write a drain request to " + topics.state());
        }
    }
}
