package dev.cutover.inventory;

import dev.cutover.api.Finding;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.files.ConfigScanResult;
import dev.cutover.inventory.jmx.AttributionResult;
import dev.cutover.inventory.jmx.ClientSoftwareScan;
import dev.cutover.inventory.schemas.SchemaInventory;
import dev.cutover.inventory.workloads.WorkloadMerge;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code cutover inventory} learned about one cluster and the applications that use it; written as
 * {@code reports/inventory.json} (this record, field by field), {@code .md} and {@code .html}.
 *
 * <p>Schema version {@value #SCHEMA_VERSION}. Fields are only ever added within a version; a removed or re-typed field
 * bumps the version. No secret is ever part of it: values that could hold one are redacted at the source.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param generatedAt when the report was made, ISO-8601 UTC
 * @param cutoverVersion the version of cutover that made it
 * @param profile the workspace profile that was scanned, e.g. {@code source}
 * @param cluster the live cluster: brokers, topics, groups, ACLs, quotas, users, producers, transactions
 * @param clientSoftware KIP-511 client software per broker listener from JMX, or {@code null} if the profile has no JMX
 *     URL
 * @param softwareAttribution which group members could be given a software name/version unambiguously, or {@code
 *     null} without JMX
 * @param configScan application config files scanned with {@code --scan-configs}, or {@code null} if none were
 * @param workloads {@code workloads.yaml} matched with discovery: owned workloads and unowned clients
 * @param findings what needs attention, each with a stable code (see {@link InventoryFindings})
 * @param stateful Kafka Streams applications and Kafka Connect clusters, linked to their groups, topics, stores and
 *     connectors
 * @param schemas the profile's schema registry (subjects, versions, compatibility, mode) and the schema ids the topics'
 *     records carry, or {@code null} when the profile names no {@code schemaRegistry}
 */
public record InventoryReport(
        int schemaVersion,
        String generatedAt,
        String cutoverVersion,
        String profile,
        ClusterInventory cluster,
        ClientSoftwareScan clientSoftware,
        AttributionResult softwareAttribution,
        ConfigScanResult configScan,
        WorkloadMerge workloads,
        List<Finding> findings,
        dev.cutover.inventory.stateful.StatefulApps stateful,
        SchemaInventory schemas) {
    public static final int SCHEMA_VERSION = 1;

    public InventoryReport {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(workloads, "workloads");
        findings = List.copyOf(findings);
    }

    /** A report without a schema registry. */
    public InventoryReport(
            int schemaVersion,
            String generatedAt,
            String cutoverVersion,
            String profile,
            ClusterInventory cluster,
            ClientSoftwareScan clientSoftware,
            AttributionResult softwareAttribution,
            ConfigScanResult configScan,
            WorkloadMerge workloads,
            List<Finding> findings,
            dev.cutover.inventory.stateful.StatefulApps stateful) {
        this(
                schemaVersion,
                generatedAt,
                cutoverVersion,
                profile,
                cluster,
                clientSoftware,
                softwareAttribution,
                configScan,
                workloads,
                findings,
                stateful,
                null);
    }

    /** A report without the stateful-applications view (an older report, or a partial one built in tests). */
    public InventoryReport(
            int schemaVersion,
            String generatedAt,
            String cutoverVersion,
            String profile,
            ClusterInventory cluster,
            ClientSoftwareScan clientSoftware,
            AttributionResult softwareAttribution,
            ConfigScanResult configScan,
            WorkloadMerge workloads,
            List<Finding> findings) {
        this(
                schemaVersion,
                generatedAt,
                cutoverVersion,
                profile,
                cluster,
                clientSoftware,
                softwareAttribution,
                configScan,
                workloads,
                findings,
                null,
                null);
    }
}
