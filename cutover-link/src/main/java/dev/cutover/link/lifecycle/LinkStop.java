package dev.cutover.link.lifecycle;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.status.LinkStatusQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Asks a running link to stop, wherever it runs, and waits until it has: writes a {@link LinkState.StopRequest} to the
 * link's state topic on the target with a plain producer (never the link's transactional id, which would fence the
 * running instance and leave its transaction to a takeover), which the running engine sees at its next checkpoint; it
 * then commits its open transaction and a last checkpoint, gives its lease up and records {@link LinkState.Stopped}
 * with the request as the reason. Needs {@code WRITE} and {@code READ} on {@code __cutover.<link>.state}.
 */
public final class LinkStop {
    private static final Duration POLL = Duration.ofMillis(500);

    private LinkStop() {}

    /** How a stop ended. */
    public sealed interface Outcome {
        /** The link has no state on the target; {@code linksOnTarget} are the ones that have. */
        record NeverRan(List<String> linksOnTarget) implements Outcome {}

        /** No instance held the lease: nothing to stop. {@code stopped} is its last clean stop, if recorded. */
        record NotRunning(Optional<LinkState.Stopped> stopped) implements Outcome {}

        /** The running instance stopped and recorded it. */
        record Stopped(LinkState.Stopped stopped) implements Outcome {}

        /**
         * The link's tasks run on Kafka Connect ({@code lease} names the connector and the task that renewed it last):
         * they are stopped through Connect, not by a request. Nothing was written.
         */
        record OnKafkaConnect(LinkState.Lease lease) implements Outcome {}

        /** The request is written, but the instance did not report stopped within the wait; it still holds the lease. */
        record StillRunning(LinkState.Lease lease, LinkState.StopRequest request) implements Outcome {}
    }

    /**
     * @param requestedBy who asks (the operating-system user)
     * @param host where from
     * @param wait how long to wait for the instance to report stopped
     */
    public static Outcome stop(
            ConnectionProfile target, String link, String requestedBy, String host, Duration wait, Clock clock) {
        List<String> links = LinkStatusQuery.linksOn(target);
        if (!links.contains(link)) {
            return new Outcome.NeverRan(links);
        }
        LinkTopics topics = LinkTopics.named(link);
        LinkState.Snapshot state = read(target, topics);
        Optional<LinkState.Lease> lease = state.lease().filter(l -> l.freshAt(clock.millis()));
        if (lease.isEmpty()) {
            return new Outcome.NotRunning(state.stopped());
        }
        if (lease.get().instance().startsWith(dev.cutover.link.engine.HostedCopy.CONNECT_INSTANCE)) {
            return new Outcome.OnKafkaConnect(lease.get());
        }
        long now = clock.millis();
        LinkState.StopRequest request = new LinkState.StopRequest(
                LinkState.VERSION,
                requestedBy,
                host,
                now,
                Instant.ofEpochMilli(now).toString());
        write(target, topics, request);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            state = read(target, topics);
            boolean leaseFresh =
                    state.lease().map(l -> l.freshAt(clock.millis())).orElse(false);
            if (state.stopped().isPresent() && !leaseFresh) {
                return new Outcome.Stopped(state.stopped().get());
            }
            if (System.nanoTime() >= deadline) {
                return new Outcome.StillRunning(state.lease().orElse(lease.get()), request);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.StillRunning(lease.get(), request);
            }
        }
    }

    private static LinkState.Snapshot read(ConnectionProfile target, LinkTopics topics) {
        try {
            return LinkState.read(target.clientProperties(), topics, target.timeout());
        } catch (CutoverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(target, e, "read the link's state from " + topics.state());
        }
    }

    private static void write(ConnectionProfile target, LinkTopics topics, LinkState.StopRequest request) {
        Map<String, Object> p = new HashMap<>(target.clientProperties());
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cutover-link-stop-" + topics.link());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, target.timeout().toMillis());
        int requestMs = (int) Math.max(target.timeout().toMillis(), 1_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestMs);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, requestMs + 1_000);
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(LinkState.record(topics, request)).get();
        } catch (ExecutionException e) {
            throw ClusterConnection.failure(
                    target, e.getCause() == null ? e : e.getCause(), "write a stop request to " + topics.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterConnection.failure(target, e, "write a stop request to " + topics.state());
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(target, e, "write a stop request to " + topics.state());
        }
    }
}
