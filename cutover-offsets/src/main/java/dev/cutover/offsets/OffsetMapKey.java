package dev.cutover.offsets;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The key of a record in a link's offsets topic (see {@link StoredOffsetMaps} for the format): UTF-8 text {@code
 * m1/<topic>/<partition>/h} for a partition's base map, {@code m1/<topic>/<partition>/c/<index>} for its chunk number
 * {@code index}. The {@code m1/} prefix is the key format's version: keys of another prefix are ignored by readers, so
 * that a later format can share the topic.
 *
 * @param partition the source partition the map belongs to (the target partition has the same topic and number)
 * @param chunk the chunk's index (0, 1, …), or {@value #BASE} for the base map
 */
public record OffsetMapKey(TopicPartition partition, int chunk) {
    /** The {@link #chunk()} of a base map's key. */
    public static final int BASE = -1;

    /** The prefix of every key of this format. */
    public static final String PREFIX = "m1/";

    public OffsetMapKey {
        Objects.requireNonNull(partition, "partition");
        if (chunk < BASE) {
            throw new IllegalArgumentException("chunk index must be ≥ 0 (or BASE): " + chunk);
        }
    }

    public static OffsetMapKey base(TopicPartition partition) {
        return new OffsetMapKey(partition, BASE);
    }

    public static OffsetMapKey chunk(TopicPartition partition, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("chunk index must be ≥ 0: " + index);
        }
        return new OffsetMapKey(partition, index);
    }

    public boolean isBase() {
        return chunk == BASE;
    }

    /** The key as stored. */
    public String text() {
        String p = PREFIX + partition.topic() + "/" + partition.partition();
        return isBase() ? p + "/h" : p + "/c/" + chunk;
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** The key's parts, or empty for a key of another format (which readers skip). */
    public static Optional<OffsetMapKey> parse(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // A topic name cannot hold '/', so the parts split unambiguously.
        String[] parts = key.substring(PREFIX.length()).split("/", -1);
        try {
            TopicPartition tp = new TopicPartition(parts[0], Integer.parseInt(parts[1]));
            if (parts.length == 3 && parts[2].equals("h")) {
                return Optional.of(base(tp));
            }
            if (parts.length == 4 && parts[2].equals("c")) {
                return Optional.of(chunk(tp, Integer.parseInt(parts[3])));
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text();
    }
}
