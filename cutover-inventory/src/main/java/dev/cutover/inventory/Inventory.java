package dev.cutover.inventory;

import dev.cutover.api.ClusterRef;
import dev.cutover.api.Progress;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterScanner;
import dev.cutover.inventory.cluster.ScanOptions;
import dev.cutover.inventory.connect.ConnectRest;
import dev.cutover.inventory.files.ConfigFileScanner;
import dev.cutover.inventory.files.ConfigScanResult;
import dev.cutover.inventory.jmx.AttributionResult;
import dev.cutover.inventory.jmx.ClientSoftwareScan;
import dev.cutover.inventory.jmx.ClientSoftwareScanner;
import dev.cutover.inventory.jmx.EndpointSoftware;
import dev.cutover.inventory.jmx.KnownConnection;
import dev.cutover.inventory.jmx.SoftwareAttribution;
import dev.cutover.inventory.stateful.StatefulApps;
import dev.cutover.inventory.workloads.WorkloadMerge;
import dev.cutover.inventory.workloads.WorkloadMerger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Takes an inventory of one workspace profile: the live cluster (read-only), broker JMX if configured, application
 * config files if asked, merged with {@code workloads.yaml}. See {@link ClusterScanner} for the permissions it needs.
 */
public final class Inventory {
    private final Clock clock;

    public Inventory(Clock clock) {
        this.clock = clock;
    }

    /** What to inventory. */
    public record Request(Workspace workspace, String profile, List<Path> scanConfigs) {
        public Request {
            scanConfigs = List.copyOf(scanConfigs);
        }
    }

    public InventoryReport take(Request request) {
        return take(request, Progress.none());
    }

    /**
     * As {@link #take(Request)}, telling {@code progress} its steps: the config files (with --scan-configs), the
     * cluster's ({@link ClusterScanner#STEPS}), the client software (with JMX), and the merge with workloads.yaml.
     */
    public InventoryReport take(Request request, Progress progress) {
        ConnectionProfile profile = request.workspace().profile(request.profile());
        boolean files = !request.scanConfigs().isEmpty();
        boolean jmx = !profile.jmxUrls().isEmpty();
        long total = ClusterScanner.STEPS + (files ? 1 : 0) + (jmx ? 1 : 0) + 1;
        try (Progress.Task task = progress.begin("inventory " + profile.name(), "steps", OptionalLong.of(total))) {
            long[] done = {0};
            Consumer<String> step = what -> {
                task.note(what);
                task.update(++done[0], OptionalLong.of(total));
            };
            task.note(files ? "config files" : "connecting");
            return take(request, profile, step);
        }
    }

    private InventoryReport take(Request request, ConnectionProfile profile, Consumer<String> step) {
        // Files first: a wrong path is a usage error to report before waiting on any cluster.
        ConfigScanResult configs = null;
        if (!request.scanConfigs().isEmpty()) {
            configs = ConfigFileScanner.scan(request.scanConfigs());
            step.accept(configs.filesScanned() + " config file(s); connecting next");
        }
        ClusterInventory cluster = new ClusterScanner(
                        new ClusterRef(profile.name(), profile.bootstrapServers()),
                        profile.clientProperties(),
                        ScanOptions.defaults().withTimeout(profile.timeout()))
                .scan(step);
        ClientSoftwareScan software = null;
        if (!profile.jmxUrls().isEmpty()) {
            software = ClientSoftwareScanner.scan(profile.jmxUrls(), profile.timeout());
            step.accept("client software of " + software.endpoints().size() + " broker endpoint(s)");
        }
        AttributionResult attribution = software == null ? null : attribute(software, cluster);
        WorkloadMerge merge = WorkloadMerger.merge(
                request.workspace().workloads(),
                cluster,
                configs == null ? new ConfigScanResult(0, List.of(), List.of(), List.of()) : configs,
                attribution == null ? List.of() : attribution.attributed());
        step.accept("merged with workloads.yaml");
        return new InventoryReport(
                InventoryReport.SCHEMA_VERSION,
                Instant.now(clock).toString(),
                Versions.cutover(),
                profile.name(),
                cluster,
                software,
                attribution,
                configs,
                merge,
                InventoryFindings.derive(cluster, software, configs, merge),
                StatefulApps.of(
                        cluster,
                        request.workspace().workloads(),
                        profile.connectUrl().map(url -> () -> new ConnectRest(url, profile.timeout()).connectors())));
    }

    private static AttributionResult attribute(ClientSoftwareScan software, ClusterInventory cluster) {
        List<KnownConnection> members = cluster.groups().stream()
                .flatMap(g -> g.members().stream())
                .map(m -> new KnownConnection(m.clientId(), m.host(), ""))
                .distinct()
                .toList();
        return SoftwareAttribution.attribute(
                software.endpoints().stream()
                        .map(EndpointSoftware::listeners)
                        .flatMap(List::stream)
                        .toList(),
                members);
    }
}
