package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.probe.traffic.ProbeArea;
import dev.cutover.probe.traffic.ProbeCheck;
import dev.cutover.probe.traffic.ProbeReport;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Provenance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a probe's result as readiness evidence: one record per area with checks (kind {@value Evidence#PROBE}: protocol,
 * topics, identity, observability), a pass only when the area has a passing check and none failed or is unknown. Identity evidence is written only when
 * the probe ran with the workload's own client config: cutover's profile proves nothing about the workload's
 * identity. Nothing is written when the target did not answer. Failing to write is a warning.
 */
final class ProbeEvidence {
    private ProbeEvidence() {}

    static List<String> write(
            Workspace ws, Provenance provenance, ProbeReport report, boolean withClientConfig, PrintWriter err) {
        List<String> written = new ArrayList<>();
        if (report.unreachable()) {
            err.println("no evidence written: the target did not answer");
            return written;
        }
        List<ProbeCheck> others = report.byArea().getOrDefault(ProbeArea.OTHER_CLIENTS, List.of());
        report.byArea().forEach((area, checks) -> {
            if (area == ProbeArea.IDENTITY && !withClientConfig || area == ProbeArea.OTHER_CLIENTS) {
                return;
            }
            try {
                boolean passed = ProbeReport.areaPassed(checks);
                written.add(EvidenceStore.write(
                        ws.dir(),
                        provenance.evidence(
                                Evidence.PROBE,
                                report.workload(),
                                Area.fromYaml(area.yamlName()).orElseThrow(),
                                null,
                                report.targetClusterId(),
                                passed ? Evidence.Result.PASS : Evidence.Result.FAIL,
                                details(report, checks, area == ProbeArea.PROTOCOL ? others : List.of()),
                                null,
                                null)));
            } catch (RuntimeException e) {
                err.println("warning: could not write " + area.yamlName() + " evidence: " + e.getMessage());
            }
        });
        if (!written.isEmpty()) {
            err.println("evidence: " + String.join(", ", written));
        }
        err.flush();
        return written;
    }

    /**
     * @param others matrix rows of clients other than the workload's own: listed ({@code otherClient01}…), not judged
     */
    static Map<String, String> details(ProbeReport report, List<ProbeCheck> checks, List<ProbeCheck> others) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("clientVersion", "apache-kafka-java/" + report.clientVersion());
        d.put("durationMs", String.valueOf(report.durationMs()));
        d.put("probeTopics", String.join(", ", report.probeTopics()));
        List<String> notOk = checks.stream()
                .filter(c -> !c.ok())
                .map(c -> c.name() + " (" + c.status().word() + "): " + c.details())
                .toList();
        d.put(
                "note",
                notOk.isEmpty()
                        ? checks.stream()
                                        .filter(c -> c.status() == ProbeCheck.Status.PASS)
                                        .count() + " check(s) passed"
                        : String.join("; ", notOk));
        dev.cutover.probe.traffic.SchemaPlan.summary(checks)
                .ifPresent(summary -> d.put(dev.cutover.probe.traffic.SchemaPlan.EVIDENCE_KEY, summary));
        int i = 1;
        for (ProbeCheck c : checks) {
            d.put(String.format("check%02d", i++), c.name() + ": " + c.status().word() + ": " + c.details());
        }
        int j = 1;
        for (ProbeCheck c : others) {
            d.put(
                    String.format("otherClient%02d", j++),
                    c.name() + ": " + c.status().word() + ": " + c.details());
        }
        return d;
    }
}
