package dev.cutover.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.watch.GroupWatch;
import dev.cutover.orchestrator.watch.StrayBaseline;
import dev.cutover.orchestrator.watch.StrayReport;
import dev.cutover.orchestrator.watch.StrayScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a moved workload on the target for the observe window: its groups keep members there, their commits move
 * (or there is nothing to read), no member of them is left on the source, and, where the target profile names JMX URLs,
 * the target brokers count no failed authentication or authorization ({@link BrokerErrorWatch}). A group without
 * members on the target at the end fails the step; stray members on the source, or broker errors, pause the wave (they
 * block the confirmation) until resumed.
 */
final class Observation {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final String BASELINE = "strayBaseline";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WaveContext wave;
    private final WorkloadMove move;

    Observation(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
    }

    /**
     * Adds the stray-client baseline to the figures of the step that saw the groups empty on the source: the moved
     * groups' committed source offsets then, journaled so that a resumed wave compares against the same point.
     */
    static Done withBaseline(WaveContext wave, WorkloadMove move, Done done) throws Exception {
        StrayBaseline baseline = scan(wave).baseline(move.allGroups(), Map.of());
        Map<String, String> figures = new LinkedHashMap<>(done.figures());
        figures.put(BASELINE, JSON.writeValueAsString(baseline));
        return Done.of(done.result(), figures);
    }

    private static StrayScan scan(WaveContext wave) {
        var source = wave.clusters().source();
        return new StrayScan(
                source.admin(),
                "source",
                wave.clusters().targetIfUp().map(c -> c.admin()),
                "target",
                source.profile().timeout());
    }

    /**
     * @param afterOperator true when the wave waited on this step for stray clients and was resumed: the operator dealt
     *     with them, so the source is compared with a baseline taken now (what a stray committed on the source before
     *     it was stopped stays in the journal's earlier {@code waiting} entry, with the duplicates it may have caused)
     */
    Done watch(boolean afterOperator) throws Exception {
        GroupWatch target = wave.clusters().watch(WaveClusters.Side.TARGET);
        StrayScan scan = scan(wave);
        StrayBaseline baseline;
        if (afterOperator) {
            baseline = scan.baseline(move.allGroups(), Map.of());
        } else {
            String json = wave.steps()
                    .figures(Optional.of(move.name()), Steps.AWAIT_EMPTY_SOURCE)
                    .map(f -> f.get(BASELINE))
                    .orElseThrow(
                            () -> new IllegalStateException("no stray-client baseline journaled for " + move.name()));
            baseline = JSON.readValue(json, StrayBaseline.class);
        }
        Map<String, Map<TopicPartition, Long>> first = new LinkedHashMap<>();
        for (String group : move.groups()) {
            first.put(group, target.committed(group));
        }
        BrokerErrorWatch errors = BrokerErrorWatch.open(wave.clusters().targetProfile());
        long end = System.nanoTime() + wave.options().observe().toNanos();
        Set<String> strays = new LinkedHashSet<>();
        Set<String> unchecked = new LinkedHashSet<>();
        do {
            StrayReport report = scan.scan(baseline);
            report.found().forEach(f -> strays.add(f.text()));
            report.notChecked().forEach(n -> unchecked.add(n.text()));
            if (System.nanoTime() >= end) {
                break;
            }
            Thread.sleep(Math.min(TICK.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        } while (true);
        Map<String, String> figures = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String group : move.groups()) {
            int members = target.members(group).size();
            Map<TopicPartition, Long> now = target.committed(group);
            long advanced = now.entrySet().stream()
                    .filter(e -> e.getValue() > first.get(group).getOrDefault(e.getKey(), -1L))
                    .count();
            long lag = target.lag(group, IsolationLevel.READ_COMMITTED).total();
            figures.put("members." + group, Integer.toString(members));
            figures.put("commitsAdvanced." + group, Long.toString(advanced));
            figures.put("lag." + group, Long.toString(lag));
            if (members == 0) {
                absent.add(group);
            }
            lines.add(group + ": " + members + " member(s), lag " + lag + ", commits advanced on " + advanced
                    + " partition(s)" + (advanced == 0 && lag > 0 ? " (no commit progress while behind)" : ""));
        }
        if (!absent.isEmpty()) {
            throw new dev.cutover.api.CutoverException(
                    dev.cutover.api.Reason.CHECK_FAILED,
                    "no members on the target at the end of the observe window for " + String.join(", ", absent),
                    "check the client's logs on the target; then `cutover wave resume` or `cutover wave rollback`");
        }
        Optional<String> brokerErrors = errors.close(figures);
        if (!strays.isEmpty()) {
            return Done.waitingForStrays(
                    "stray clients block the confirmation: " + String.join("; ", strays)
                            + " — stop them, then `cutover wave resume`",
                    strays.size());
        }
        if (!unchecked.isEmpty()) {
            return Done.waiting("stray clients could not be checked, so the move cannot be confirmed: "
                    + String.join("; ", unchecked) + " — fix access, then `cutover wave resume`");
        }
        if (brokerErrors.isPresent()) {
            return Done.waiting(brokerErrors.get() + " — when it is understood, `cutover wave resume` observes again");
        }
        figures.put("strays", "none (members and commits of the moved groups checked on the source)");
        if (afterOperator) {
            figures.put(BASELINE, JSON.writeValueAsString(baseline));
            figures.put("baselineRetaken", "after the operator acted on stray clients");
        }
        return Done.of(String.join("; ", lines), figures);
    }
}
