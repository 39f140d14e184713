package dev.cutover.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The workloads of {@code workloads.yaml}, in file order, names unique. Absent file: {@link #empty()}. */
public record WorkloadManifest(List<Workload> workloads) {
    public WorkloadManifest {
        workloads = List.copyOf(workloads);
        Set<String> names = new HashSet<>();
        for (Workload w : workloads) {
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("duplicate workload name " + w.name());
            }
        }
    }

    public static WorkloadManifest empty() {
        return new WorkloadManifest(List.of());
    }

    public Optional<Workload> find(String name) {
        return workloads.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return workloads.stream().map(Workload::name).toList();
    }
}
