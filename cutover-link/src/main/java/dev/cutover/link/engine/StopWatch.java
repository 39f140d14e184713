package dev.cutover.link.engine;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the link's state topic for a {@link LinkState.StopRequest} ({@code cutover link stop}, possibly from another
 * host), at each checkpoint, without waiting: a consumer of its own reads, under read_committed, what was written to
 * the topic since this run's first checkpoint. A request written before that (by the time a run starts, one that was
 * meant for a predecessor) is not seen. Failing to read costs the watch, never the link: it is logged once and given up.
 */
final class StopWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StopWatch.class);

    private final Map<String, Object> props;
    private final TopicPartition state;
    private final Duration timeout;
    private KafkaConsumer<byte[], byte[]> consumer;
    private boolean broken;
    private final List<LinkState.DrainRequest> drains = new java.util.ArrayList<>();
    private boolean reversalsChanged;

    StopWatch(Map<String, Object> targetProps, LinkTopics topics, Duration timeout) {
        Map<String, Object> c = new HashMap<>(targetProps);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // Never create the state topic with the broker's defaults: EngineStart creates it compacted.
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-link-" + topics.link() + "-stop-watch");
        this.props = c;
        this.state = new TopicPartition(topics.state(), 0);
        this.timeout = timeout;
    }

    /** A stop request written since the watch began, if one has arrived. */
    Optional<LinkState.StopRequest> poll() {
        if (broken) {
            return Optional.empty();
        }
        try {
            if (consumer == null) {
                consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                consumer.assign(List.of(state));
                consumer.seekToEnd(List.of(state));
                consumer.position(state, timeout);
                return Optional.empty();
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ZERO)) {
                // A record without a key is not the link's (nor a request); it is passed over.
                String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                if (key.startsWith(LinkState.DRAIN_REQUEST)) {
                    LinkState.drainRequest(r.value()).ifPresent(drains::add);
                }
                if (key.startsWith(LinkState.REVERSE)) {
                    reversalsChanged = true;
                }
                if (LinkState.STOP_REQUEST.equals(key)) {
                    Optional<LinkState.StopRequest> found = LinkState.stopRequest(r.value());
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (KafkaException | IllegalStateException e) {
            broken = true;
            log.warn(
                    "cannot watch {} for stop requests ({}); `cutover link stop` will not reach this instance",
                    state.topic(),
                    e.toString());
            return Optional.empty();
        }
    }

    /** The drain requests seen by {@link #poll()} since the last call (a wave's, through the state topic). */
    List<LinkState.DrainRequest> takeDrains() {
        List<LinkState.DrainRequest> out = List.copyOf(drains);
        drains.clear();
        return out;
    }

    /** Whether a turn-around was recorded or ended (by a rollback) since the last call. */
    boolean takeReversalsChanged() {
        boolean changed = reversalsChanged;
        reversalsChanged = false;
        return changed;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
