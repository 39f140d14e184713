package dev.cutover.inventory.sample;

import dev.cutover.schemas.WireFormat;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The schema ids that the sampled records of one topic carry in Confluent's wire format (magic byte 0 and a 4-byte
 * id), keys and values apart, and how many non-null keys and values did not start so. A record may start with 0 by
 * chance: only a registry that knows the id tells the two apart, so these are candidate ids until one resolves.
 *
 * @param keys id → where it was seen, for keys
 * @param values id → where it was seen, for values
 * @param keysWithoutId non-null keys not in wire format
 * @param valuesWithoutId non-null values not in wire format
 */
public record SchemaIds(Map<Integer, Seen> keys, Map<Integer, Seen> values, long keysWithoutId, long valuesWithoutId) {
    public static final SchemaIds NONE = new SchemaIds(Map.of(), Map.of(), 0, 0);

    public SchemaIds {
        keys = Collections.unmodifiableMap(new TreeMap<>(keys));
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** How many sampled records carried an id, and the first of them (partition and offset), to name in messages. */
    public record Seen(long records, int partition, long offset) {
        Seen plus(Seen o) {
            boolean mine = partition < o.partition || (partition == o.partition && offset <= o.offset);
            return new Seen(records + o.records, mine ? partition : o.partition, mine ? offset : o.offset);
        }
    }

    /** Whether any sampled key or value carries an id. */
    public boolean any() {
        return !keys.isEmpty() || !values.isEmpty();
    }

    SchemaIds plus(SchemaIds o) {
        return new SchemaIds(
                merge(keys, o.keys),
                merge(values, o.values),
                keysWithoutId + o.keysWithoutId,
                valuesWithoutId + o.valuesWithoutId);
    }

    private static Map<Integer, Seen> merge(Map<Integer, Seen> a, Map<Integer, Seen> b) {
        Map<Integer, Seen> out = new TreeMap<>(a);
        b.forEach((id, seen) -> out.merge(id, seen, Seen::plus));
        return out;
    }

    /** Collects one partition's ids while it is read. */
    static final class Collector {
        private final int partition;
        private final Map<Integer, Seen> keys = new TreeMap<>();
        private final Map<Integer, Seen> values = new TreeMap<>();
        private long keysWithoutId;
        private long valuesWithoutId;

        Collector(int partition) {
            this.partition = partition;
        }

        void add(long offset, byte[] key, byte[] value) {
            keysWithoutId += add(keys, offset, key);
            valuesWithoutId += add(values, offset, value);
        }

        private int add(Map<Integer, Seen> into, long offset, byte[] bytes) {
            if (bytes == null) {
                return 0;
            }
            OptionalInt id = WireFormat.schemaId(bytes);
            if (id.isEmpty()) {
                return 1;
            }
            into.merge(id.getAsInt(), new Seen(1, partition, offset), Seen::plus);
            return 0;
        }

        SchemaIds result() {
            return new SchemaIds(keys, values, keysWithoutId, valuesWithoutId);
        }
    }
}
