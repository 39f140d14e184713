package dev.cutover.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a workload's owners judge duplicates during a move, which decides how strict its cutover must be.
 *
 * <ul>
 *   <li>{@code none}: a duplicate record or a re-processed record does harm (payments, emails). The default: the
 *       safe assumption when nobody said otherwise.
 *   <li>{@code idempotent-downstream}: consumers or sinks de-duplicate (by key, id or upsert), so a duplicate is
 *       harmless; a lost record is not.
 *   <li>{@code replay-ok}: re-reading from an earlier position is acceptable (caches, search indexes, metrics).
 * </ul>
 */
public enum DuplicateTolerance {
    NONE("none"),
    IDEMPOTENT_DOWNSTREAM("idempotent-downstream"),
    REPLAY_OK("replay-ok");

    private final String yamlName;

    DuplicateTolerance(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<DuplicateTolerance> fromYaml(String text) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(text)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(DuplicateTolerance::yamlName).toList();
    }
}
