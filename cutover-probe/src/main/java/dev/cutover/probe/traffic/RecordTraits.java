package dev.cutover.probe.traffic;

/**
 * What the source's tail sample of one topic showed besides sizes: how the workload's records look.
 *
 * @param records records read
 * @param maxHeaders the most headers one record carried
 * @param nullKeys records with a null key
 * @param tombstones records with a null value
 */
public record RecordTraits(long records, int maxHeaders, long nullKeys, long tombstones) {
    public RecordTraits {
        if (records < 0 || maxHeaders < 0 || nullKeys < 0 || tombstones < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** e.g. {@code 500 record(s): up to 4 header(s), 12 null key(s), 3 tombstone(s)}. */
    public String describe() {
        return records + " record(s): up to " + maxHeaders + " header(s), " + nullKeys + " null key(s), " + tombstones
                + " tombstone(s)";
    }
}
