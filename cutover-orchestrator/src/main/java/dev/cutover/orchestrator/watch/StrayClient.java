package dev.cutover.orchestrator.watch;

import java.util.Objects;

/**
 * A client still using the source for something a wave moved. Fields Kafka does not tell are {@value #UNKNOWN}: the
 * group coordinator gives a member's client id and host but not its principal, {@code DescribeProducers} gives a
 * producer id and epoch only, and a commit does not say who made it.
 *
 * @param subject the group (for member and commit findings) or the partition, e.g. {@code payments-0}
 * @param detail the facts, e.g. {@code "member consumer-1-4f2 (client billing at /10.0.0.7)"} or {@code "producer id
 *     4001, epoch 0, last record timestamp 2026-12-03T22:41:07Z, transactional id 'orders-tx'"}
 */
public record StrayClient(
        StrayKind kind, String subject, String clientId, String host, String principal, String detail) {
    /** What a field holds when Kafka does not tell it. */
    public static final String UNKNOWN = "unknown";

    public StrayClient {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line for people. */
    public String text() {
        String what =
                switch (kind) {
                    case SOURCE_MEMBER -> "group '" + subject + "' still has a member on the source: ";
                    case BOTH_SIDES -> "group '" + subject + "' runs on both clusters at once: ";
                    case SOURCE_COMMIT -> "group '" + subject + "' committed offsets on the source after the move: ";
                    case SOURCE_PRODUCER -> "a producer still writes to " + subject + " on the source: ";
                    case SOURCE_LOG_GROWTH -> "something still writes to " + subject + " on the source: ";
                };
        return what + detail + " [client id " + clientId + ", host " + host + ", principal " + principal + "]";
    }
}
