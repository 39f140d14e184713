package dev.cutover.offsets;

import java.util.Objects;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/** One partition of a {@link GroupTranslation}: the offset to commit in the other cluster, or why there is none. */
public sealed interface PartitionTranslation {

    /** The offset to commit; its leader epoch is empty (epochs do not carry across clusters), its metadata kept. */
    record Translated(OffsetAndMetadata offset) implements PartitionTranslation {
        public Translated {
            Objects.requireNonNull(offset, "offset");
        }
    }

    /** No exact offset exists (yet); {@code message} says why, with the offsets involved. */
    record Untranslatable(Reason reason, String message) implements PartitionTranslation {
        public Untranslatable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a partition's offset was not translated. Stable codes: callers branch on them. */
    enum Reason {
        /** No offset map for this partition: the link does not replicate it. */
        NO_OFFSET_MAP,
        /** The group has no committed offset for this partition. */
        NOTHING_COMMITTED,
        /** The link has not yet replicated up to the committed offset; retry later. */
        NOT_YET_REPLICATED,
        /** The committed offset precedes the link's start; records in between were never copied. */
        NOT_COVERED
    }
}
