package dev.cutover.inventory;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.files.ConfigScanResult;
import dev.cutover.inventory.jmx.ClientSoftwareScan;
import dev.cutover.inventory.workloads.Liveness;
import dev.cutover.inventory.workloads.WorkloadMerge;
import dev.cutover.inventory.workloads.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an inventory into findings with stable codes. The codes are part of the report's contract:
 *
 * <ul>
 *   <li>{@code INV-001} warning: an owned workload was not seen on the cluster (no matching group with members, no
 *       matching transactional id)
 *   <li>{@code INV-002} info: an owned workload cannot be observed through the Admin API (matched only by client id or
 *       principal, and not a group member): absence proves nothing
 *   <li>{@code INV-003} warning: a discovered client that no workload claims
 *   <li>{@code INV-004} warning: a workload declares a topic that does not exist on the cluster
 *   <li>{@code INV-005} warning: part of the scan could not be done (a missing permission, an unreachable JMX URL, an
 *       unreadable file); that part of the inventory is incomplete
 *   <li>{@code INV-006} info: a retry or dead-letter topic, and the topic it serves
 *   <li>{@code INV-007} info: a transaction was open at scan time
 *   <li>{@code INV-008} warning: a client software sent requests in protocol versions the broker deprecates
 *   <li>{@code INV-009} info: a bootstrap address hard-coded in source code
 * </ul>
 */
public final class InventoryFindings {
    private InventoryFindings() {}

    public static List<Finding> derive(
            ClusterInventory cluster, ClientSoftwareScan software, ConfigScanResult configs, WorkloadMerge merge) {
        List<Finding> findings = new ArrayList<>();
        Set<String> topics = cluster.topics().stream().map(Topic::name).collect(Collectors.toSet());
        for (WorkloadView w : merge.workloads()) {
            String subject = "workload " + w.name();
            if (w.liveness() == Liveness.NOT_SEEN) {
                findings.add(new Finding(
                        "INV-001",
                        Severity.WARNING,
                        subject,
                        "not seen on the cluster: no matching group has members and no matching transactional id"
                                + " exists; is it stopped, or does its match in workloads.yaml need fixing?",
                        List.of("workloads.yaml")));
            } else if (w.liveness() == Liveness.NOT_OBSERVABLE) {
                findings.add(new Finding(
                        "INV-002",
                        Severity.INFO,
                        subject,
                        "matched only by client id or principal: producers and admin clients are invisible to the"
                                + " Admin API, so the inventory cannot tell whether it runs; add a transactionalId or"
                                + " group to its match, or scan its config with --scan-configs",
                        List.of("workloads.yaml")));
            }
            w.topics().stream()
                    .filter(t -> !topics.contains(t) && !t.contains("*"))
                    .forEach(t -> findings.add(new Finding(
                            "INV-004",
                            Severity.WARNING,
                            subject,
                            "uses topic " + t + ", which does not exist on the cluster",
                            List.of("workloads.yaml"))));
        }
        merge.unowned()
                .forEach(c -> findings.add(new Finding(
                        "INV-003",
                        Severity.WARNING,
                        c.kind() + " " + c.id(),
                        "no workload in workloads.yaml claims it (" + c.detail() + ")",
                        List.of("inventory.json#/workloads/unowned"))));
        cluster.problems()
                .forEach(p -> findings.add(new Finding(
                        "INV-005",
                        Severity.WARNING,
                        p.section() + " " + p.subject(),
                        p.message() + (p.missingPermission() == null ? "" : " (needs " + p.missingPermission() + ")"),
                        List.of("inventory.json#/cluster/problems"))));
        if (software != null) {
            software.endpoints().forEach(e -> e.problems()
                    .forEach(p -> findings.add(new Finding(
                            "INV-005",
                            Severity.WARNING,
                            "jmx " + e.jmxUrl(),
                            p.message(),
                            List.of("inventory.json#/clientSoftware")))));
            software.endpoints().forEach(e -> e.deprecatedRequests()
                    .forEach(d -> findings.add(new Finding(
                            "INV-008",
                            Severity.WARNING,
                            "client software " + d.clientSoftwareName() + "/" + d.clientSoftwareVersion(),
                            "sent " + d.count() + " " + d.request() + " v" + d.version()
                                    + " request(s), a version the broker deprecates",
                            List.of("inventory.json#/clientSoftware")))));
        }
        if (configs != null) {
            configs.problems()
                    .forEach(p -> findings.add(new Finding(
                            "INV-005",
                            Severity.WARNING,
                            p.file() + ":" + p.line(),
                            p.problem(),
                            List.of("inventory.json#/configScan/problems"))));
            configs.hardcodedEndpoints()
                    .forEach(h -> findings.add(new Finding(
                            "INV-009",
                            Severity.INFO,
                            h.file() + ":" + h.line(),
                            "bootstrap address " + h.endpoint() + " is hard-coded; it must change at cutover",
                            List.of("inventory.json#/configScan/hardcodedEndpoints"))));
        }
        for (Topic t : cluster.topics()) {
            if (t.retryOf() != null) {
                findings.add(
                        Finding.of("INV-006", Severity.INFO, "topic " + t.name(), "retry topic of " + t.retryOf()));
            }
            if (t.deadLetterOf() != null) {
                findings.add(Finding.of(
                        "INV-006", Severity.INFO, "topic " + t.name(), "dead-letter topic of " + t.deadLetterOf()));
            }
        }
        cluster.transactions().stream()
                .filter(t -> "Ongoing".equalsIgnoreCase(t.state()))
                .forEach(t -> findings.add(Finding.of(
                        "INV-007",
                        Severity.INFO,
                        "transactional id " + t.transactionalId(),
                        "a transaction was open at scan time")));
        return List.copyOf(findings);
    }
}
