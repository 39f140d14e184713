package dev.cutover.link.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a batched Admin write did, resource by resource, merged over all its batches: every resource asked for is in
 * exactly one of {@code succeeded} and {@code failed}, so one refused resource never hides or fails the others.
 *
 * @param succeeded resources the cluster applied, in the order asked
 * @param failed resources the cluster refused or did not answer for, with the cause, in the order asked
 */
public record BatchResult<K>(Set<K> succeeded, Map<K, Throwable> failed) {
    public BatchResult {
        succeeded = Collections.unmodifiableSet(new LinkedHashSet<>(succeeded));
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
        for (K key : succeeded) {
            if (failed.containsKey(key)) {
                throw new IllegalArgumentException(key + " both succeeded and failed");
            }
        }
    }

    public static <K> BatchResult<K> empty() {
        return new BatchResult<>(Set.of(), Map.of());
    }

    /** This result and {@code other}'s, for disjoint resources (batches of one call). */
    public BatchResult<K> plus(BatchResult<K> other) {
        Set<K> ok = new LinkedHashSet<>(succeeded);
        ok.addAll(other.succeeded);
        Map<K, Throwable> bad = new LinkedHashMap<>(failed);
        bad.putAll(other.failed);
        return new BatchResult<>(ok, bad);
    }

    /** The failure of {@code key}, or empty when it succeeded (or was not asked for). */
    public Optional<Throwable> failure(K key) {
        return Optional.ofNullable(failed.get(key));
    }

    /** A failure as report text: the exception's simple class name and message, e.g. {@code TopicExistsException: ...}. */
    public static String text(Throwable cause) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
