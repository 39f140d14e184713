package dev.cutover.link.engine;

import java.util.Set;

/** The engine's current {@link TargetLimits}, replaced whole when linked topics' limits are read again. */
final class TargetLimitsHolder {
    private final EngineClients clients;
    private final EngineEvents events;
    private TargetLimits current = TargetLimits.none();
    private boolean retentionUnknownTold;

    TargetLimitsHolder(EngineClients clients, EngineEvents events) {
        this.clients = clients;
        this.events = events;
    }

    TargetLimits current() {
        return current;
    }

    /** Reads the target limits and the source's delete.retention.ms of these topics again. */
    void reload(Set<String> topics) {
        TargetLimits next = current.reloadTarget(clients.targetAdmin, clients.target, topics);
        var withRetention = next.reloadSourceRetention(clients.sourceAdmin, clients.source, topics);
        if (withRetention.isEmpty() && !retentionUnknownTold) {
            retentionUnknownTold = true;
            events.info("cannot read the source topics' delete.retention.ms, so a compacted topic lagging beyond it"
                    + " will not be flagged");
        }
        current = withRetention.orElse(next);
    }
}
