package dev.cutover.readiness.plan;

import java.util.List;
import java.util.Map;

/**
 * Computes a plan from the inventory and the manifest: the dependency graph ({@link #graph}), risk per workload,
 * waves with a cutover pattern each, and estate-level recommendations. Deterministic: the same input gives the same
 * plan, waves named {@code wave-1}, {@code wave-2}… in order. Every rule is documented in {@code docs/plan.md}.
 */
public final class Planner {
    private Planner() {}

    public static Plan plan(PlanInput input) {
        DependencyGraph graph = graph(input);
        Map<String, Risk> risks = RiskRules.assess(graph);
        List<Wave> waves = WavePlanner.plan(graph, risks);
        List<Recommendation> recommendations = RecommendationRules.recommend(
                input.source(), input.manifest().workloads().isEmpty(), graph, risks);
        return new Plan(Plan.VERSION, waves, risks, recommendations);
    }

    /** The producer → topic → consumer graph the plan is built from (owned workloads and unowned clients). */
    public static DependencyGraph graph(PlanInput input) {
        return GraphBuilder.build(input.source(), input.manifest());
    }
}
