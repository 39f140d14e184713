package dev.cutover.readiness.areas;

import java.util.List;
import java.util.Objects;

/** One workload's results in the seven areas, in {@link dev.cutover.readiness.Area} order. */
public record WorkloadResult(String workload, String owner, Verdict verdict, List<AreaResult> areas) {
    public WorkloadResult {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(owner, "owner");
        areas = List.copyOf(areas);
        Verdict derived = areas.stream().allMatch(AreaResult::ready) ? Verdict.READY : Verdict.NOT_READY;
        if (verdict != derived) {
            throw new IllegalArgumentException(workload + " is " + derived + ", not " + verdict);
        }
    }

    public static WorkloadResult of(String workload, String owner, List<AreaResult> areas) {
        Verdict v = !areas.isEmpty() && areas.stream().allMatch(AreaResult::ready) ? Verdict.READY : Verdict.NOT_READY;
        return new WorkloadResult(workload, owner, v, areas);
    }

    public boolean ready() {
        return verdict == Verdict.READY;
    }

    public AreaResult area(dev.cutover.readiness.Area area) {
        return areas.stream()
                .filter(a -> a.area() == area)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(workload + " has no result for " + area));
    }
}
