package dev.cutover.link.engine;

import dev.cutover.link.sync.SyncReport;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the engine's parts say what happens: turns it into {@link LinkEvent}s for the caller. */
final class EngineEvents {
    private static final Logger log = LoggerFactory.getLogger(EngineEvents.class);
    private final Consumer<LinkEvent> sink;

    EngineEvents(Consumer<LinkEvent> sink) {
        this.sink = sink;
    }

    void emit(LinkEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            log.warn("a link event listener failed on {}", event, e);
        }
    }

    void info(String message) {
        log.info(message);
        emit(new LinkEvent.Info(message));
    }

    /** Internal detail: the log only. */
    void detail(String message) {
        log.info(message);
    }

    void topicSynced(SyncReport.Item item) {
        log.info("topic {}: {} {}", item.subject(), item.outcome(), item.detail());
        emit(new LinkEvent.TopicSynced(item));
    }

    void partitionStopped(TopicPartition tp, String reason) {
        emit(new LinkEvent.PartitionStopped(tp, reason));
    }

    void partitionWarning(TopicPartition tp, String warning) {
        emit(new LinkEvent.PartitionWarning(tp, warning));
    }
}
