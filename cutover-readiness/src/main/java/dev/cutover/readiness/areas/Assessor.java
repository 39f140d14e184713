package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.Workload;
import dev.cutover.inventory.workloads.WorkloadView;
import dev.cutover.readiness.Area;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Runs the seven areas' rules for workloads. Pure: everything comes from the {@link ReadinessInput}. */
public final class Assessor {
    private final ReadinessInput input;

    public Assessor(ReadinessInput input) {
        this.input = input;
    }

    /**
     * The workload's results in every area. A name {@code workloads.yaml} does not have (an unowned client the plan
     * lists) is not ready anywhere: nobody owns it.
     */
    public WorkloadResult assess(String workload) {
        Optional<Workload> w = input.manifest().find(workload);
        if (w.isEmpty()) {
            return unowned(workload);
        }
        WorkloadContext c = context(w.get());
        return WorkloadResult.of(
                workload,
                c.owner(),
                List.of(
                        ProtocolRules.evaluate(c),
                        IdentityRules.evaluate(c),
                        TopicRules.evaluate(c),
                        OffsetRules.evaluate(c),
                        StateRules.evaluate(c),
                        ObservabilityRules.evaluate(c),
                        RollbackRules.evaluate(c)));
    }

    /**
     * The topics these workloads use (declared and discovered, globs left out) that exist on the source: those whose
     * record sizes the topic rules want sampled. Names {@code workloads.yaml} does not have are skipped.
     */
    public Set<String> sourceTopics(List<String> workloads) {
        Set<String> topics = new TreeSet<>();
        for (String workload : workloads) {
            input.manifest()
                    .find(workload)
                    .ifPresent(w -> topics.addAll(context(w).topics()));
        }
        topics.removeIf(t -> input.source().cluster().topic(t).isEmpty());
        return topics;
    }

    public List<WorkloadResult> assessAll(List<String> workloads) {
        return workloads.stream().map(this::assess).toList();
    }

    private WorkloadContext context(Workload w) {
        WorkloadView view = input.source().workloads().workloads().stream()
                .filter(v -> v.name().equals(w.name()))
                .findFirst()
                .orElse(null);
        return new WorkloadContext(w, view, input);
    }

    private static WorkloadResult unowned(String name) {
        Finding finding = new Finding(
                "WORKLOAD-001",
                Severity.WARNING,
                "client " + name,
                "not in workloads.yaml: nobody owns it, so nobody can decide it is ready; add it with an owner",
                List.of("workloads.yaml"));
        return WorkloadResult.of(
                name,
                "(no owner)",
                Arrays.stream(Area.values())
                        .map(a -> AreaResult.of(a, "(no owner)", List.of(finding), List.of()))
                        .toList());
    }
}
