package dev.cutover.testkit.check;

import java.util.ArrayList;
import java.util.List;

/** An exact count of findings and the first few of them, in log order. */
public record Sampled<T>(long count, List<T> samples) {
    public Sampled {
        if (count < samples.size()) {
            throw new IllegalArgumentException("count " + count + " < " + samples.size() + " samples");
        }
        samples = List.copyOf(samples);
    }

    public static <T> Sampled<T> none() {
        return new Sampled<>(0, List.of());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Collects findings, keeping at most {@code limit} samples. */
    static final class Builder<T> {
        private final int limit;
        private final List<T> samples = new ArrayList<>();
        private long count;

        Builder(int limit) {
            this.limit = limit;
        }

        void add(T finding) {
            count++;
            if (samples.size() < limit) {
                samples.add(finding);
            }
        }

        void addAll(Sampled<T> other) {
            count += other.count();
            for (T t : other.samples()) {
                if (samples.size() < limit) {
                    samples.add(t);
                }
            }
        }

        Sampled<T> build() {
            return new Sampled<>(count, samples);
        }
    }
}
