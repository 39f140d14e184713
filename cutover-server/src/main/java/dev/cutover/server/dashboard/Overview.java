package dev.cutover.server.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cutover.link.state.PartitionState;
import dev.cutover.readiness.areas.Verdict;
import dev.cutover.readiness.plan.Plan;
import dev.cutover.readiness.report.ReadinessReport;
import java.util.List;

/** The first tab: one line per part of the migration, each from the same reading as its own tab. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Overview(
        String workspace,
        long nowMs,
        Section<Estate> estate,
        Section<Readiness> readiness,
        List<Link> links,
        Section<List<Wave>> waves) {

    public record Estate(String scannedAt, int topics, int groups, int workloads, int unowned) {}

    public record Readiness(String generatedAt, String verdict, int waves, int readyWaves, int plannedWaves) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(
            String link,
            String unknown,
            Boolean running,
            Boolean neverRan,
            Integer partitions,
            Integer stopped,
            Long lagRecords,
            Long lagMs,
            Double recordsPerSecond) {}

    public record Wave(String name, String status, String statusText) {}

    static Overview of(
            String workspace,
            long nowMs,
            Section<EstateView> estate,
            Section<Plan> plan,
            Section<ReadinessReport> readiness,
            List<LinkMonitor.LinkView> links,
            Section<WavesView> waves) {
        return new Overview(
                workspace,
                nowMs,
                map(
                        estate,
                        e -> new Estate(
                                e.scannedAt(),
                                e.topics().size(),
                                e.groups().size(),
                                e.workloads().size(),
                                e.unowned().size())),
                map(
                        readiness,
                        r -> new Readiness(
                                r.generatedAt(),
                                r.verdict().name(),
                                r.waves().size(),
                                (int) r.waves().stream()
                                        .filter(w -> w.verdict() == Verdict.READY)
                                        .count(),
                                plan.known() ? plan.data().waves().size() : -1)),
                links.stream().map(Overview::link).toList(),
                map(waves, w -> w.waves().stream()
                        .map(v -> new Wave(v.name(), v.status(), v.statusText()))
                        .toList()));
    }

    private static Link link(LinkMonitor.LinkView v) {
        if (v.status() == null) {
            return new Link(v.link(), v.unknown(), null, null, null, null, null, null, null);
        }
        List<LinkHistory.Sample> history = v.history();
        Double rate = history.isEmpty() ? null : history.get(history.size() - 1).recordsPerSecond();
        return new Link(
                v.link(),
                null,
                v.status().running(),
                v.status().neverRan(),
                v.status().partitions().size(),
                (int) v.status().partitions().stream()
                        .filter(p -> p.state() == PartitionState.ERROR)
                        .count(),
                v.lagRecords(),
                v.lagMs(),
                rate);
    }

    private static <A, B> Section<B> map(Section<A> section, java.util.function.Function<A, B> f) {
        return section.known()
                ? Section.of(f.apply(section.data()))
                : Section.unknown(section.unknown(), section.todo());
    }
}
