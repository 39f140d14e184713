package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.readiness.Area;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Protocol and client version: the client software the workload runs (KIP-511 attribution from the inventory, or named
 * by evidence) against what the target accepts, plus probe or attestation evidence that the workload's role and
 * features (idempotence, transactions, compression, group protocol) work on the target.
 */
final class ProtocolRules {
    private ProtocolRules() {}

    static AreaResult evaluate(WorkloadContext c) {
        String subject = "workload " + c.name();
        List<Finding> findings = new ArrayList<>(c.evidenceFindings(Area.PROTOCOL));
        TargetVersion target = TargetVersion.of(c.input().target());
        Map<String, String> software = c.clientSoftware();
        List<String> evidence = new ArrayList<>(c.passingPaths(Area.PROTOCOL));
        boolean known = false;
        for (Map.Entry<String, String> e : software.entrySet()) {
            ClientSoftware s = ClientSoftware.parse(e.getKey());
            if (s.unknown()) {
                findings.add(new Finding(
                        "PROTO-002",
                        Severity.WARNING,
                        subject,
                        "a client connects without naming its software (KIP-511): it is older than Kafka 2.4, possibly"
                                + " older than 2.1, which a Kafka 4 target refuses; find its library and version",
                        List.of(e.getValue())));
                continue;
            }
            known = true;
            if (s.javaOlderThan21() && target.removedOldProtocols()) {
                findings.add(new Finding(
                        "PROTO-001",
                        Severity.ERROR,
                        subject,
                        "client " + s + " is older than 2.1: the target (" + target.describe()
                                + ") removed the request versions it speaks (KIP-896); upgrade the client to 2.1 or"
                                + " later (3.x recommended) before it moves",
                        List.of(e.getValue())));
            } else if (!s.java()) {
                findings.add(new Finding(
                        "PROTO-003",
                        Severity.INFO,
                        subject,
                        "client " + s + " is not the Java client: its minimum for the target cannot be read from"
                                + " the version number, so it rests on the probe evidence",
                        List.of(e.getValue())));
            }
        }
        if (!known
                && software.keySet().stream()
                        .allMatch(s -> !ClientSoftware.parse(s).unknown())) {
            findings.add(new Finding(
                    "PROTO-002",
                    Severity.WARNING,
                    subject,
                    "client version unknown: the inventory could not attribute a software name/version to it (no"
                            + " JMX on the source profile, a producer without a group, or several versions on one"
                            + " listener); record it with `cutover evidence add --area protocol --detail"
                            + " clientSoftware=NAME/VERSION ...` or add the source's JMX URL",
                    List.of("reports/inventory.json#/softwareAttribution")));
        }
        if (c.passing(Area.PROTOCOL).isEmpty()) {
            findings.add(new Finding(
                    "PROTO-004",
                    Severity.WARNING,
                    subject,
                    "no probe or attestation shows the client's role and features (idempotence, transactions,"
                            + " compression, group protocol) working on the target; run a probe or record a test"
                            + " with `cutover evidence add --area protocol`",
                    List.of()));
        }
        findings.add(Finding.of("PROTO-005", Severity.INFO, subject, "target runs " + target.describe()));
        return AreaResult.of(Area.PROTOCOL, c.owner(), findings, evidence);
    }
}
