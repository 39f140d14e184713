package dev.cutover.readiness.plan;

/** Computes a plan from the inventory and the manifest: risk per workload, dependency graph, waves, patterns. */
public final class Planner {
    private Planner() {}

    public static Plan plan(PlanInput input) {
        throw new UnsupportedOperationException("not built yet");
    }
}
