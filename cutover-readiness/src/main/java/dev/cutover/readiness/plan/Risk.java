package dev.cutover.readiness.plan;

import java.util.List;
import java.util.Objects;

/** A workload's risk class and the facts that put it there (each reason one sentence, naming its fact). */
public record Risk(RiskClass level, List<String> reasons) {
    public Risk {
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
    }
}
