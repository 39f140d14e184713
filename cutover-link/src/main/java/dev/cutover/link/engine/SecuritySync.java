package dev.cutover.link.engine;

import dev.cutover.link.sync.AclSync;
import dev.cutover.link.sync.AclSyncOptions;
import dev.cutover.link.sync.QuotaSync;
import dev.cutover.link.sync.SyncReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * The ACLs (topic, group and transactional id; only those of the linked topics for topic ACLs) and client quotas that
 * follow the source when a link starts. Lacking the rights to read or write them is reported, never fatal: the data
 * copy does not depend on them. Every created, skipped or failed item is reported.
 */
public final class SecuritySync {
    private SecuritySync() {}

    /** Runs (or, with {@code dryRun}, plans) both syncs and returns one line per item and finding. */
    public static List<String> run(
            Admin source,
            Admin target,
            Set<String> topics,
            Map<String, String> principalMapping,
            Duration timeout,
            boolean dryRun) {
        List<String> lines = new ArrayList<>();
        try {
            AclSync acls = new AclSync(
                    source,
                    target,
                    AclSyncOptions.all().onlyTopics(topics).mappingPrincipals(principalMapping),
                    timeout);
            describe(dryRun ? acls.dryRun() : acls.apply(acls.plan()), lines);
        } catch (RuntimeException e) {
            lines.add("ACLs not synced: " + e.getMessage());
        }
        try {
            QuotaSync quotas = new QuotaSync(source, target, principalMapping, timeout);
            describe(dryRun ? quotas.dryRun() : quotas.apply(quotas.plan()), lines);
        } catch (RuntimeException e) {
            lines.add("quotas not synced: " + e.getMessage());
        }
        return lines;
    }

    private static void describe(SyncReport report, List<String> lines) {
        report.items()
                .forEach(i -> lines.add(report.kind() + " " + i.subject() + ": "
                        + i.outcome().name().toLowerCase()
                        + (i.detail() == null || i.detail().isBlank() ? "" : " (" + i.detail() + ")")));
        report.findings().forEach(f -> lines.add(f.code() + " " + f.subject() + ": " + f.message()));
    }
}
