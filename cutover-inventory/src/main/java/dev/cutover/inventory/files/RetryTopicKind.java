package dev.cutover.inventory.files;

/** What a helper topic is for. */
public enum RetryTopicKind {
    /** Records are re-delivered from here after a delay ({@code orders.retry}, {@code orders-retry-5s}). */
    RETRY,
    /** Records that failed for good are parked here ({@code orders.DLT}, {@code orders-dlq}). */
    DEAD_LETTER
}
