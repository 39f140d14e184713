package dev.cutover.readiness.plan;

import java.util.List;

/**
 * The outcome of re-planning over an existing {@code plan.yaml}: the plan as written (human edits kept) and what
 * changed, one line each.
 */
public record PlanUpdate(Plan plan, List<String> changes) {
    public PlanUpdate {
        changes = List.copyOf(changes);
    }
}
