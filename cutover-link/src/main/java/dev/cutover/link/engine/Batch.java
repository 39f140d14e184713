package dev.cutover.link.engine;

/**
 * What one transaction sent for one partition: source offsets and, once acknowledged, the target offsets the target
 * reported; {@code readUpTo} is where the map's coverage goes once the transaction commits (everything below it was
 * read: copied, or a marker or aborted record that is never copied). A batch may hold no record: it then only moves
 * the coverage past transaction markers.
 */
final class Batch {
    final long[] source;
    final long[] target;
    final long[] timestamps;
    int count;
    long bytes;
    volatile Exception failure;
    long readUpTo = -1;

    Batch(int size) {
        source = new long[size];
        target = new long[size];
        timestamps = new long[size];
    }

    static Batch coverageOnly(long readUpTo) {
        Batch b = new Batch(0);
        b.readUpTo = readUpTo;
        return b;
    }
}
