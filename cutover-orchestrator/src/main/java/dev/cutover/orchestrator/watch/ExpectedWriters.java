package dev.cutover.orchestrator.watch;

import java.util.List;

/**
 * The producers a wave expects to write to a moved topic on the source: after a producer move with readers left on
 * the source, the reverse copy (named by its transactional id, which survives its restarts, or by producer id); after
 * an endpoint switch, none.
 */
public record ExpectedWriters(List<Long> producerIds, List<String> transactionalIds) {
    public ExpectedWriters {
        producerIds = List.copyOf(producerIds);
        transactionalIds = List.copyOf(transactionalIds);
    }

    /** Nobody may write there. */
    public static ExpectedWriters none() {
        return new ExpectedWriters(List.of(), List.of());
    }

    public static ExpectedWriters transactionalIds(String... ids) {
        return new ExpectedWriters(List.of(), List.of(ids));
    }

    public static ExpectedWriters producerIds(Long... ids) {
        return new ExpectedWriters(List.of(ids), List.of());
    }

    /** Whether no writer is expected. */
    public boolean nobody() {
        return producerIds.isEmpty() && transactionalIds.isEmpty();
    }
}
