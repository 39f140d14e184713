package dev.cutover.link.engine;

/** Where a link starts reading a partition it has no progress for. */
public sealed interface StartFrom {
    /** The source's log start: everything still on the source is copied. */
    record Earliest() implements StartFrom {}

    /** The source's end: only what is written from now on is copied. */
    record Latest() implements StartFrom {}

    /** The first record with a timestamp at or after this one (epoch milliseconds). */
    record Timestamp(long epochMillis) implements StartFrom {}

    /**
     * Exact source offsets for the partitions named, whose target partitions may already hold records (the copy starts
     * at their end); any other partition as {@code otherwise}. A reverse copy starts so: at the target's end when its
     * writers moved, into a source topic that holds the history.
     */
    record Exact(java.util.Map<org.apache.kafka.common.TopicPartition, Long> offsets, StartFrom otherwise)
            implements StartFrom {
        public Exact {
            offsets = java.util.Map.copyOf(offsets);
            java.util.Objects.requireNonNull(otherwise, "otherwise");
        }
    }

    /** Parses {@code earliest}, {@code latest} or an ISO-8601 instant / epoch milliseconds. */
    static StartFrom parse(String text) {
        return switch (text) {
            case "earliest" -> new Earliest();
            case "latest" -> new Latest();
            default -> {
                try {
                    yield new Timestamp(
                            text.chars().allMatch(Character::isDigit)
                                    ? Long.parseLong(text)
                                    : java.time.Instant.parse(text).toEpochMilli());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "--from takes earliest, latest, an ISO-8601 instant or epoch milliseconds; got '" + text
                                    + "'");
                }
            }
        };
    }
}
