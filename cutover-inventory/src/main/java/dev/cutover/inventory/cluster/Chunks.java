package dev.cutover.inventory.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits large request sets so no single Admin request grows without bound. */
final class Chunks {
    private Chunks() {}

    static <T> List<List<T>> of(Collection<T> items, int size) {
        List<T> all = new ArrayList<>(items);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(List.copyOf(all.subList(from, Math.min(all.size(), from + size))));
        }
        return chunks;
    }
}
