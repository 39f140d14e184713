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
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.TailSampler;
import dev.cutover.inventory.schemas.SchemaInventory;
import dev.cutover.inventory.schemas.SchemaScan;
import dev.cutover.inventory.stateful.StatefulApps;
import dev.cutover.inventory.workloads.WorkloadMerge;
import dev.cutover.inventory.workloads.WorkloadMerger;
import dev.cutover.schemas.RegistryClient;
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

    /** Per partition, the tail the inventory samples for schema ids: the last 100 records, at most 1 MiB. */
    public static final int SCHEMA_SAMPLE_RECORDS = 100;

    public static final long SCHEMA_SAMPLE_BYTES = 1024 * 1024;

    /**
     * What to inventory.
     *
     * @param schemas whether to read the profile's schema registry (when it names one) and sample the topics' records
     *     for schema ids; readiness turns it off, since it samples the topics it judges itself
     */
    public record Request(Workspace workspace, String profile, List<Path> scanConfigs, boolean schemas) {
        public Request {
            scanConfigs = List.copyOf(scanConfigs);
        }

        public Request(Workspace workspace, String profile, List<Path> scanConfigs) {
            this(workspace, profile, scanConfigs, true);
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
        boolean schemas = request.schemas() && profile.schemaRegistry().isPresent();
        long total = ClusterScanner.STEPS + (files ? 1 : 0) + (jmx ? 1 : 0) + (schemas ? 1 : 0) + 1;
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
        SchemaInventory schemas = null;
        if (request.schemas() && profile.schemaRegistry().isPresent()) {
            schemas = schemas(profile, cluster);
            step.accept("schema registry: "
                    + (schemas.readable() ? schemas.subjects().size() + " subject(s)" : "unreadable"));
        }
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
                java.util.stream.Stream.concat(
                                InventoryFindings.derive(cluster, software, configs, merge).stream(),
                                SchemaScan.findings(schemas).stream())
                        .toList(),
                StatefulApps.of(
                        cluster,
                        request.workspace().workloads(),
                        profile.connectUrl().map(url -> () -> new ConnectRest(url, profile.timeout()).connectors())),
                schemas);
    }

    /**
     * The registry's subjects, and the ids in the tails of every topic that is not internal (read once, read-only,
     * within the profile's timeout; see {@link TailSampler}).
     */
    private static SchemaInventory schemas(ConnectionProfile profile, ClusterInventory cluster) {
        List<String> topics = cluster.topics().stream()
                .filter(t ->
                        !t.internal() && !t.name().startsWith("__") && !t.name().equals("_schemas"))
                .map(ClusterInventory.Topic::name)
                .toList();
        TailSampler.Limits limits =
                new TailSampler.Limits(SCHEMA_SAMPLE_RECORDS, SCHEMA_SAMPLE_BYTES, profile.timeout());
        RecordSamples samples = new TailSampler(profile.clientProperties(), limits).sample(topics);
        String how = "the last " + SCHEMA_SAMPLE_RECORDS + " records (at most 1 MiB) of each partition of "
                + topics.size() + " topic(s)"
                + (samples.unreadable().isEmpty()
                        ? ""
                        : "; not readable: "
                                + String.join(", ", samples.unreadable().keySet()));
        return SchemaScan.scan(
                RegistryClient.of(profile.schemaRegistry().orElseThrow(), profile.timeout()),
                subject -> true,
                samples,
                java.util.Optional.of(how));
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
