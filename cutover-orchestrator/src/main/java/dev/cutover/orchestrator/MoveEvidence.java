package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.probe.content.ContentComparison;
import dev.cutover.probe.content.ContentReport;
import dev.cutover.probe.content.TopicContent;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Provenance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a stateful move (a Kafka Streams or read-process-write application, Kafka Connect workers) proved, written at
 * its confirmation as readiness evidence in area state (kind {@value #KIND}): what moved — its groups and their
 * translated positions (records replayed and skipped), its written topics with the exact ends where the copy handed
 * over — and the check: those topics compared by content on both clusters, record by record, from its stop to now
 * (what it wrote before the move was copied forward, what it wrote since is copied back, so both sides must hold the
 * same records). Repartition topics are left out of the comparison: Kafka Streams deletes their records once consumed,
 * on each cluster at its own pace; their positions moved exactly. The evidence passes only when nothing was replayed
 * or skipped and the comparison found every record on both sides; a window without records proves nothing, and then
 * no evidence is written (the journal says so).
 */
final class MoveEvidence {
    static final String KIND = Evidence.WAVE_MOVE;

    private MoveEvidence() {}

    /** The confirmation's figures with the comparison's, and the evidence written (or why not). */
    static Done confirmWithEvidence(WaveContext wave, WorkloadMove move, Done confirmed, String stoppedStep) {
        Map<String, String> figures = new LinkedHashMap<>(confirmed.figures());
        Optional<String> subject = Optional.of(move.name());
        List<String> compared = move.written().stream()
                .filter(t -> !dev.cutover.inventory.stateful.StatefulTopics.repartition(t))
                .toList();
        Duration settle = wave.options().dualWriteSettle();
        Instant from = wave.steps().began(subject, stoppedStep).orElseThrow().minus(settle);
        Instant now = Instant.now();
        String check;
        boolean passed;
        try (ContentComparison comparison =
                new ContentComparison(wave.clusters().source(), wave.clusters().target())) {
            ContentReport report = comparison.compare(
                    compared, now, Duration.between(from, now.minus(settle)), settle, line -> wave.progress()
                            .accept("[" + wave.name() + "] " + move.name() + ": " + line));
            long onlySource =
                    report.topics().stream().mapToLong(TopicContent::onlySource).sum();
            long onlyTarget =
                    report.topics().stream().mapToLong(TopicContent::onlyTarget).sum();
            long differing =
                    report.topics().stream().mapToLong(TopicContent::differing).sum();
            figures.put("compared", Long.toString(report.compared()));
            figures.put("onlySource", Long.toString(onlySource));
            figures.put("onlyTarget", Long.toString(onlyTarget));
            figures.put("differing", Long.toString(differing));
            if (report.compared() == 0) {
                return Done.of(
                        confirmed.result() + "; no record of " + compared + " in the window since the stop to compare:"
                                + " no state evidence written",
                        figures);
            }
            passed = report.passed();
            check = report.summary();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Done.of(confirmed.result() + "; comparison interrupted: no state evidence written", figures);
        } catch (CutoverException e) {
            return Done.of(
                    confirmed.result() + "; comparison not made (" + e.getMessage() + "): no state evidence written",
                    figures);
        }
        boolean exact = "0".equals(figures.get("replayed")) && "0".equals(figures.get("skipped"));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("wave", wave.name());
        details.put("attempt", wave.steps().attempt());
        details.put("groups", String.join(",", move.allGroups()));
        details.put("written", String.join(",", move.written()));
        details.put("compared", String.join(",", compared));
        wave.steps()
                .figures(subject, Steps.DRAIN_FORWARD)
                .map(f -> f.get("ends"))
                .ifPresent(ends -> details.put("handedOverAt", ends));
        details.put("pauseMs", figures.getOrDefault("pauseMs", "unknown"));
        details.put("replayed", figures.getOrDefault("replayed", "unknown"));
        details.put("skipped", figures.getOrDefault("skipped", "unknown"));
        details.put("check", check);
        details.put("recordsCompared", figures.get("compared"));
        try {
            Evidence evidence = Provenance.here("cutover wave run --wave " + wave.name(), Clock.systemUTC())
                    .evidence(
                            KIND,
                            move.name(),
                            Area.STATE,
                            null,
                            wave.clusters().targetIfUp().map(c -> c.clusterId()).orElse(null),
                            passed && exact ? Evidence.Result.PASS : Evidence.Result.FAIL,
                            details,
                            null,
                            null);
            String path = EvidenceStore.write(wave.workspace().dir(), evidence);
            figures.put("evidence", path);
            wave.progress().accept("[" + wave.name() + "] " + move.name() + ": evidence: " + path);
        } catch (RuntimeException e) {
            wave.progress()
                    .accept("[" + wave.name() + "] " + move.name() + ": warning: could not write evidence: "
                            + e.getMessage());
        }
        if (!passed) {
            throw new CutoverException(
                    dev.cutover.api.Reason.CHECK_FAILED,
                    move.name() + "'s written topics differ between the clusters since its stop: " + check,
                    "see `cutover verify --by-content --topics '" + String.join("|", compared)
                            + "'`; then `cutover wave" + " rollback`, or `cutover wave resume` to compare again");
        }
        return Done.of(confirmed.result() + "; " + check, figures);
    }
}
