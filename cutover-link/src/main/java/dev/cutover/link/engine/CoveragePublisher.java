package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells {@link LinkHandle#awaitCoverage} waiters what the stored offset map covers, only once a reader can see it: a
 * transaction's commit returns before its markers are written, so a read_committed reader (such as {@code offsets
 * sync}) right after the commit may not see the map records yet. Coverage is published when the offsets topic's last
 * stable offset has passed the checkpoint's last map record.
 */
final class CoveragePublisher {
    private final EngineClients clients;
    private final LinkControl control;
    private final TopicPartition mapPartition;
    private final Map<TopicPartition, Long> pending = new HashMap<>();
    private long pendingOffset = -1;

    CoveragePublisher(EngineClients clients, LinkControl control) {
        this.clients = clients;
        this.control = control;
        this.mapPartition = new TopicPartition(clients.settings.topics().offsets(), 0);
    }

    /** A checkpoint committed {@code covered}, its last map record at {@code lastMapOffset} (-1: none). */
    void committed(Map<TopicPartition, Long> covered, long lastMapOffset) {
        covered.forEach((tp, offset) -> pending.merge(tp, offset, Math::max));
        pendingOffset = Math.max(pendingOffset, lastMapOffset);
    }

    /** Publishes what is pending if a reader can see it now (one offsets request); otherwise keeps it for later. */
    void publishIfReadable() {
        if (pending.isEmpty()) {
            return;
        }
        if (pendingOffset >= 0) {
            try {
                long stable = EngineClients.listOffsets(
                                clients.targetAdmin, clients.target, List.of(mapPartition), false)
                        .get(mapPartition);
                if (stable <= pendingOffset) {
                    return;
                }
            } catch (CutoverException e) {
                return; // asked again after the next transaction
            }
        }
        control.covered(Map.copyOf(pending));
        pending.clear();
        pendingOffset = -1;
    }

    /** At a stop: publishes what is pending once readable, waiting at most {@code limit}. */
    void awaitReadable(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        publishIfReadable();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            LinkEngine.pause(20);
            publishIfReadable();
        }
    }
}
