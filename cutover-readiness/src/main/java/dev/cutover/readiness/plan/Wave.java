package dev.cutover.readiness.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of the migration: the workloads that move together, in which order, with which pattern and why.
 *
 * @param name stable name used by {@code --wave}, e.g. {@code wave-1}
 * @param order 1-based position in the plan
 * @param pattern how the wave's clients move
 * @param patternReason why that pattern, one sentence naming the facts
 * @param workloads the workload names in the wave (manifest names, or discovered client names for unowned ones)
 * @param owner who runs the wave, when the plan names one
 */
public record Wave(
        String name,
        int order,
        CutoverPattern pattern,
        String patternReason,
        List<String> workloads,
        Optional<String> owner) {
    public Wave {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(patternReason, "patternReason");
        workloads = List.copyOf(workloads);
        Objects.requireNonNull(owner, "owner");
    }
}
