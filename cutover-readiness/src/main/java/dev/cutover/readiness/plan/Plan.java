package dev.cutover.readiness.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The migration plan: waves in order, each workload's risk, and estate-level recommendations. Written to and read from
 * {@code DIR/plan.yaml}, which humans may edit (wave membership, order, pattern, owners).
 *
 * @param version format version of {@code plan.yaml}
 * @param waves in execution order
 * @param risks workload name → its risk
 */
public record Plan(int version, List<Wave> waves, Map<String, Risk> risks, List<Recommendation> recommendations) {
    public static final int VERSION = 1;

    public Plan {
        waves = List.copyOf(waves);
        risks = Map.copyOf(risks);
        recommendations = List.copyOf(recommendations);
    }

    public Optional<Wave> wave(String name) {
        Objects.requireNonNull(name, "name");
        return waves.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
