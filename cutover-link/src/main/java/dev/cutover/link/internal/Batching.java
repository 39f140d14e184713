package dev.cutover.link.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The arithmetic of splitting a call into batches; no I/O. Batches keep the items' order, and every item is in
 * exactly one batch.
 */
public final class Batching {
    private Batching() {}

    /**
     * Splits {@code items}, in order, into batches of at most {@code maxItems} items whose weights add up to at most
     * {@code maxWeight}. An item heavier than {@code maxWeight} on its own gets a batch of its own (the caller decides
     * what the cluster says to it); no batch is empty.
     */
    public static <T> List<List<T>> split(
            Collection<? extends T> items, int maxItems, long maxWeight, ToLongFunction<? super T> weight) {
        if (maxItems < 1 || maxWeight < 1) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxItems + " / " + maxWeight);
        }
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long currentWeight = 0;
        for (T item : items) {
            long w = weight.applyAsLong(item);
            if (w < 0) {
                throw new IllegalArgumentException("negative weight " + w + " of " + item);
            }
            if (!current.isEmpty() && (current.size() >= maxItems || currentWeight + w > maxWeight)) {
                batches.add(List.copyOf(current));
                current = new ArrayList<>();
                currentWeight = 0;
            }
            current.add(item);
            currentWeight += w;
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        return batches;
    }

    /** Pages of at most {@code size} items, in order. */
    public static <T> List<List<T>> pages(Collection<? extends T> items, int size) {
        return split(items, size, Long.MAX_VALUE, item -> 0);
    }
}
