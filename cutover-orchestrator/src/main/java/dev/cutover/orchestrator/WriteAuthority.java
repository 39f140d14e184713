package dev.cutover.orchestrator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.lifecycle.LinkDrain;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.PartitionState;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.watch.ExpectedWriters;
import dev.cutover.orchestrator.watch.StrayBaseline;
import dev.cutover.orchestrator.watch.StrayReport;
import dev.cutover.orchestrator.watch.StrayScan;
import dev.cutover.readiness.plan.CutoverPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps that move the write authority of a workload's written topics ({@link WorkloadMove#written}) to the target,
 * for a producer's and a processor's move: once it is stopped on the source, wait until those topics are quiet there
 * (no open transaction) and take the stray-writer baseline; have the link drain them to exactly that end and release
 * them ({@link LinkDrain}, through the link's state, wherever the link runs), turning them around when readers stay on
 * the source (or the wave is not an endpoint switch), so that the link's process copies what the workload writes on
 * the target back to the source from exactly where it took over (or, in a dual-write wave, retire its writes to the
 * source); wait until that reverse copy runs; observe that no other writer is left on the source.
 */
final class WriteAuthority {
    static final String BASELINE = "strayBaseline";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WaveContext wave;
    private final WorkloadMove move;
    private final Optional<String> subject;

    WriteAuthority(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
        this.subject = Optional.of(move.name());
    }

    private Set<String> topics() {
        return new TreeSet<>(move.written());
    }

    /** The drain's request id: the same for every run of this attempt, so a resumed step asks the same drain. */
    private String requestId() {
        return wave.steps().attempt() + "/" + move.name();
    }

    /** Waits until no transaction is open on the topics, then journals their ends and the stray-writer baseline. */
    Done awaitQuiet() throws Exception {
        ClusterConnection source = wave.clusters().source();
        Map<String, Long> ends =
                TopicEnds.awaitStable(source, topics(), wave.options().stopTimeout(), line -> wave.progress()
                        .accept("[" + wave.name() + "] " + move.name() + ": " + line));
        Map<String, ExpectedWriters> nobody = new LinkedHashMap<>();
        topics().forEach(t -> nobody.put(t, ExpectedWriters.none()));
        StrayBaseline baseline = scan().baseline(List.of(), nobody);
        Map<String, String> figures = new LinkedHashMap<>();
        ends.forEach((tp, end) -> figures.put("end." + tp, Long.toString(end)));
        figures.put("quietAt", Instant.now().toString());
        figures.put(BASELINE, JSON.writeValueAsString(baseline));
        return Done.of(
                "no open transaction on " + topics() + " on the source; ends " + ends
                        + (move.dualWrite() ? " (its writes to the source end there)" : " (the drain ends there)"),
                figures);
    }

    /** Asks the link to drain and release the topics, turning them around when the source keeps readers. */
    Done drainForward() throws Exception {
        List<String> readers = new ArrayList<>(SourceReaders.of(wave, topics()));
        readers.removeAll(move.groups()); // a processor reads what it writes (repartition topics): it moves too
        boolean reverse = !readers.isEmpty() || wave.pattern() != CutoverPattern.ENDPOINT_SWITCH;
        String link = wave.clusters().link();
        LinkDrain.Outcome outcome = new LinkRequests(wave, move.name())
                .drain(wave.clusters().targetProfile(), link, requestId(), topics(), reverse);
        if (outcome instanceof LinkDrain.Outcome.NotRunning) {
            return Done.waiting("link '" + link + "' is not running, so it cannot drain " + topics() + " (the request"
                    + " waits in its state): start it (`cutover link run --link " + link + "`), then `cutover wave"
                    + " resume`");
        }
        if (outcome instanceof LinkDrain.Outcome.NoAnswer) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "link '" + link + "' did not answer the drain of " + topics() + " within "
                            + wave.options().coverageTimeout().toSeconds() + " s",
                    "see `cutover link status --link " + link + "`; `cutover wave resume` asks again");
        }
        if (outcome instanceof LinkDrain.Outcome.Refused r) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "link '" + link + "' could not drain " + topics() + ": " + r.why(),
                    "fix the cause, then `cutover wave resume`; or `cutover wave rollback`");
        }
        List<LinkState.End> ends = ((LinkDrain.Outcome.Drained) outcome).ends();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("ends", JSON.writeValueAsString(ends));
        figures.put("reverse", Boolean.toString(reverse));
        figures.put("readersOnSource", String.join(",", readers));
        return Done.of(
                "forward copy of " + topics() + " drained and released at "
                        + LinkRequests.ends(ends, "source", "target")
                        + (reverse
                                ? "; turned around (readers on the source: "
                                        + (readers.isEmpty()
                                                ? "none known; the wave is "
                                                        + wave.pattern().yamlName()
                                                : String.join(", ", readers))
                                        + ")"
                                : "; no reader left on the source (endpoint switch): no reverse copy"),
                figures);
    }

    /** The step after which the topics' copies ended where its figures say: the drain, or a dual write's retirement. */
    static String releaseStep(WorkloadMove move) {
        return move.dualWrite() ? Steps.RETIRE_SOURCE : Steps.DRAIN_FORWARD;
    }

    /**
     * A dual-writing producer's writes to the source end (it is stopped; no link copies its topics, so there is no copy
     * to drain): once both sides are quiet, its topics are turned around at both sides' ends, so that the link's
     * process copies back to the source what it will write on the target alone, for the readers that stay there and
     * for the way back. The link must run (its process hosts the reverse copy).
     */
    Done retireSource() throws Exception {
        ClusterConnection target = wave.clusters().target();
        List<org.apache.kafka.common.TopicPartition> partitions = TopicEnds.partitions(target, topics());
        TopicEnds.awaitStable(target, topics(), wave.options().stopTimeout(), line -> wave.progress()
                .accept("[" + wave.name() + "] " + move.name() + ": " + line));
        Map<org.apache.kafka.common.TopicPartition, Long> targetEnds =
                TopicEnds.ends(target, partitions, org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED);
        Map<String, String> quiet = wave.steps()
                .figures(subject, Steps.AWAIT_QUIET_SOURCE)
                .orElseThrow(() -> new IllegalStateException("no quiet source journaled for " + move.name()));
        long sourcePartitions =
                quiet.keySet().stream().filter(k -> k.startsWith("end.")).count();
        if (sourcePartitions != partitions.size()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    topics() + " have " + sourcePartitions + " partition(s) on the source and " + partitions.size()
                            + " on the target: a record written to both lands in the same partition only where the"
                            + " counts agree, and the reverse copy keeps partitions as they are",
                    "give the topics the same partition count on both clusters, then `cutover wave resume`; or"
                            + " `cutover wave rollback`");
        }
        String link = wave.clusters().link();
        LinkState.Snapshot state = LinkDrain.read(wave.clusters().targetProfile(), LinkTopics.named(link));
        if (state.lease().filter(l -> l.freshAt(System.currentTimeMillis())).isEmpty()) {
            return Done.waiting("link '" + link + "' is not running, and its process copies " + topics() + " back to"
                    + " the source once " + move.name() + " writes on the target alone: start it (`cutover link run"
                    + " --link " + link + "`), then `cutover wave resume`");
        }
        List<LinkState.End> ends = new ArrayList<>();
        for (var tp : partitions) {
            String sourceEnd = quiet.get("end." + tp);
            if (sourceEnd == null) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "partition " + tp + " is on the target but not on the source",
                        "give the topics the same partitions on both clusters, then `cutover wave resume`");
            }
            ends.add(new LinkState.End(tp.topic(), tp.partition(), Long.parseLong(sourceEnd), targetEnds.get(tp)));
        }
        String who = System.getProperty("user.name", "unknown") + "@" + dev.cutover.orchestrator.journal.Who.host()
                + " (wave " + wave.name() + ")";
        for (String topic : topics()) {
            LinkDrain.turnAround(
                    wave.clusters().targetProfile(),
                    link,
                    topic,
                    ends.stream().filter(e -> e.topic().equals(topic)).toList(),
                    who);
        }
        List<String> readers = SourceReaders.of(wave, topics());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("ends", JSON.writeValueAsString(ends));
        figures.put("reverse", "true");
        figures.put("readersOnSource", String.join(",", readers));
        return Done.of(
                "writes to the source retired for " + topics() + " at " + LinkRequests.ends(ends, "source", "target")
                        + "; turned around (readers on the source: "
                        + (readers.isEmpty()
                                ? "none; the source stays complete for the way back"
                                : String.join(", ", readers))
                        + ")",
                figures);
    }

    /** The ends the drain recorded. */
    private List<LinkState.End> drainedEnds() throws Exception {
        String json = wave.steps()
                .figures(subject, releaseStep(move))
                .map(f -> f.get("ends"))
                .orElseThrow(() -> new IllegalStateException("no drain journaled for " + move.name()));
        return JSON.readValue(json, new TypeReference<List<LinkState.End>>() {});
    }

    private boolean reversed() {
        return wave.steps()
                .figures(subject, releaseStep(move))
                .map(f -> Boolean.parseBoolean(f.get("reverse")))
                .orElse(false);
    }

    /** Waits until the link's process copies the turned-around topics back (its reverse copy holds them, running). */
    Done awaitReverse() throws Exception {
        if (!reversed()) {
            return Done.of("no reverse copy needed (endpoint switch, no reader left on the source)");
        }
        String name = LinkSettings.reverseName(wave.clusters().link());
        Set<String> partitions = new TreeSet<>();
        drainedEnds().forEach(e -> partitions.add(e.topic() + "-" + e.partition()));
        long deadline = System.nanoTime() + wave.options().startTimeout().toNanos();
        while (true) {
            LinkState.Snapshot state = LinkDrain.read(wave.clusters().sourceProfile(), LinkTopics.named(name));
            boolean fresh = state.lease()
                    .map(l -> l.freshAt(System.currentTimeMillis()))
                    .orElse(false);
            Set<String> running = new TreeSet<>();
            List<String> failed = new ArrayList<>();
            state.partitions().forEach((tp, s) -> {
                String key = tp.topic() + "-" + tp.partition();
                if (s.state() == PartitionState.ERROR) {
                    failed.add(key + ": " + s.reason());
                } else if (s.state() != PartitionState.RELEASED) {
                    running.add(key);
                }
            });
            failed.removeIf(f -> !partitions.contains(f.substring(0, f.indexOf(':'))));
            if (!failed.isEmpty()) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "the reverse copy " + name + " stopped: " + String.join("; ", failed),
                        "see the link's log; fix the cause, then `cutover wave resume`; or `cutover wave rollback`");
            }
            if (fresh && running.containsAll(partitions)) {
                return Done.of(
                        "reverse copy " + name + " (target → source) runs for " + partitions.size()
                                + " partition(s) of " + topics(),
                        Map.of("reverseLink", name));
            }
            if (System.nanoTime() > deadline) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "the reverse copy " + name + " did not start within "
                                + wave.options().startTimeout().toSeconds() + " s (its state on the source shows "
                                + running + (fresh ? "" : ", no running instance") + ")",
                        "the link's process runs it: check its log, and that its source profile may write there (README,"
                                + " permissions: a turned-around topic); restart `cutover link run` (a failed reverse copy"
                                + " starts again with it), then `cutover wave resume`");
            }
            Thread.sleep(250); // polling the reverse copy's state, not timing
        }
    }

    /** Watches the source for other writers of the moved topics for the observe window. */
    Done observe(boolean afterOperator) throws Exception {
        String json = wave.steps()
                .figures(subject, Steps.AWAIT_QUIET_SOURCE)
                .map(f -> f.get(BASELINE))
                .orElseThrow(() -> new IllegalStateException("no stray-writer baseline journaled for " + move.name()));
        StrayBaseline baseline = JSON.readValue(json, StrayBaseline.class);
        boolean reverse = reversed();
        String reverseTxn = LinkTopics.named(
                        LinkSettings.reverseName(wave.clusters().link()))
                .transactionalId();
        if (afterOperator) {
            Map<String, ExpectedWriters> nobody = new LinkedHashMap<>();
            topics().forEach(t -> nobody.put(t, ExpectedWriters.none()));
            baseline = scan().baseline(List.of(), nobody);
        }
        for (String t : topics()) {
            baseline = baseline.withExpected(
                    t, reverse ? ExpectedWriters.transactionalIds(reverseTxn) : ExpectedWriters.none());
        }
        Map<String, Long> explained = new LinkedHashMap<>();
        if (reverse) {
            // the reverse copy's own writes grow the log; its producer id is checked instead, and any other writer
            // of a partition it copies into stops that partition (it must be their only writer)
            baseline.logEnds().keySet().forEach(k -> explained.put(k, Long.MAX_VALUE));
        }
        StrayScan scan = scan();
        Set<String> strays = new LinkedHashSet<>();
        Set<String> unchecked = new LinkedHashSet<>();
        BrokerErrorWatch errors = BrokerErrorWatch.open(wave.clusters().targetProfile());
        long end = System.nanoTime() + wave.options().observe().toNanos();
        while (true) {
            StrayReport report = scan.scan(baseline, explained);
            report.found().forEach(f -> strays.add(f.text()));
            report.notChecked().forEach(n -> unchecked.add(n.text()));
            if (System.nanoTime() >= end) {
                break;
            }
            Thread.sleep(Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        if (reverse) {
            awaitReverse(); // still running, no partition stopped by another writer
        }
        Map<String, String> figures = new LinkedHashMap<>();
        Optional<String> brokerErrors = errors.close(figures);
        if (!strays.isEmpty()) {
            return Done.waitingForStrays(
                    "other writers of the moved topics on the source block the confirmation: "
                            + String.join("; ", strays) + " — stop them, then `cutover wave resume`",
                    strays.size());
        }
        if (!unchecked.isEmpty()) {
            return Done.waiting("writers on the source could not be checked, so the move cannot be confirmed: "
                    + String.join("; ", unchecked) + " — fix access, then `cutover wave resume`");
        }
        if (brokerErrors.isPresent()) {
            return Done.waiting(brokerErrors.get() + " — when it is understood, `cutover wave resume` observes again");
        }
        figures.put("strays", "none (producers and log ends of " + topics() + " checked on the source)");
        Map<String, Long> written = TopicEnds.growth(wave.clusters().target(), drainedEnds());
        written.forEach((tp, n) -> figures.put("writtenOnTarget." + tp, Long.toString(n)));
        long total = written.values().stream().mapToLong(Long::longValue).sum();
        return Done.of(
                "no other writer of " + topics() + " on the source; " + total + " record offset(s) written on the"
                        + " target since the move" + (reverse ? ", copied back by the reverse copy" : ""),
                figures);
    }

    private StrayScan scan() {
        var source = wave.clusters().source();
        return new StrayScan(
                source.admin(),
                "source",
                wave.clusters().targetIfUp().map(c -> c.admin()),
                "target",
                source.profile().timeout());
    }
}
