package dev.cutover.readiness;

import dev.cutover.api.ClusterRef;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Durations;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.Inventory;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterScanner;
import dev.cutover.inventory.cluster.ScanOptions;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.TailSampler;
import dev.cutover.readiness.areas.Assessor;
import dev.cutover.readiness.areas.Endpoints;
import dev.cutover.readiness.areas.ReadinessInput;
import dev.cutover.readiness.areas.Verdict;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Freshness;
import dev.cutover.readiness.plan.Plan;
import dev.cutover.readiness.plan.PlanFile;
import dev.cutover.readiness.plan.PlanInput;
import dev.cutover.readiness.plan.PlanUpdate;
import dev.cutover.readiness.plan.Planner;
import dev.cutover.readiness.plan.Wave;
import dev.cutover.readiness.report.ReadinessReport;
import dev.cutover.readiness.report.WaveReadiness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code cutover readiness} does, minus the printing: takes the source inventory (live, unless the caller has one
 * just taken) and a scan of the target (live, read-only, without rate sampling), loads the evidence and judges its
 * freshness against the target's cluster id, reads {@code plan.yaml} (or computes and writes it first, and says so),
 * samples record sizes and schema ids from the tails of the source topics the chosen waves' workloads use ({@link
 * TailSampler}), reads the schema registries' subjects of those topics and the stored id map ({@link SchemaReads}), and
 * assesses every workload of the chosen waves.
 *
 * <p>The source inventory is taken live rather than read from {@code reports/inventory.json}: a readiness verdict
 * must describe the estate as it is now, and a scan takes seconds.
 */
public final class ReadinessRun {
    private final Clock clock;

    public ReadinessRun(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param wave only this wave, or every wave
     * @param maxEvidenceAge overrides {@code readiness.maxEvidenceAge} of cutover.yaml
     * @param source a source inventory the caller just took (the demo), else it is taken here
     */
    public record Request(
            Workspace workspace,
            Optional<String> wave,
            Optional<Duration> maxEvidenceAge,
            Optional<InventoryReport> source) {}

    public ReadinessReport run(Request request) {
        Workspace ws = request.workspace();
        ConnectionProfile sourceProfile = ws.profile("source");
        ConnectionProfile targetProfile = ws.profile("target");
        Duration maxAge =
                request.maxEvidenceAge().orElse(ws.config().readiness().maxEvidenceAge());
        // Evidence first: a broken evidence file is a usage error to report before waiting on any cluster.
        var stored = EvidenceStore.load(ws.dir());
        InventoryReport source = request.source()
                .orElseGet(() -> new Inventory(clock).take(new Inventory.Request(ws, "source", List.of(), false)));
        ClusterInventory target = new ClusterScanner(
                        new ClusterRef(targetProfile.name(), targetProfile.bootstrapServers()),
                        targetProfile.clientProperties(),
                        ScanOptions.defaults()
                                .withTimeout(targetProfile.timeout())
                                .withoutRateSampling())
                .scan();
        Instant now = Instant.now(clock);
        Optional<String> targetId = Optional.ofNullable(target.cluster().clusterId());
        List<Freshness.Assessed> evidence = stored.stream()
                .map(s -> Freshness.assess(s, now, maxAge, targetId))
                .toList();
        List<String> notes = new ArrayList<>();
        Plan plan = plan(ws, source, notes);
        List<Wave> waves = select(plan, request.wave());
        ReadinessInput input = new ReadinessInput(
                source, target, Endpoints.of(sourceProfile, targetProfile), ws.workloads(), evidence, now);
        // Record sizes: only the source topics the chosen waves' workloads use, read-only, within the profile's
        // timeout; a topic that cannot be read is reported by the topic rules, not thrown.
        Set<String> sampled = new Assessor(input)
                .sourceTopics(
                        waves.stream().flatMap(w -> w.workloads().stream()).toList());
        RecordSamples samples = new TailSampler(
                        sourceProfile.clientProperties(), TailSampler.Limits.defaults(sourceProfile.timeout()))
                .sample(sampled);
        // Schema registries: the subjects of the same topics and the ids their sampled records carry.
        Assessor assessor =
                new Assessor(input.withSamples(samples).withSchemas(SchemaReads.read(ws, sampled, samples)));
        List<WaveReadiness> results = waves.stream()
                .map(w -> WaveReadiness.of(
                        w.name(),
                        w.order(),
                        w.pattern().yamlName(),
                        w.patternReason(),
                        w.owner().orElse(null),
                        assessor.assessAll(w.workloads())))
                .toList();
        Verdict verdict = !results.isEmpty() && results.stream().allMatch(WaveReadiness::ready)
                ? Verdict.READY
                : Verdict.NOT_READY;
        return new ReadinessReport(
                ReadinessReport.SCHEMA_VERSION,
                now.toString(),
                Versions.cutover(),
                source.cluster().cluster().clusterId(),
                target.cluster().clusterId(),
                Durations.format(maxAge),
                notes,
                verdict,
                results);
    }

    /** The plan of {@code plan.yaml}; without one, a plan is computed and written first, and the notes say so. */
    static Plan plan(Workspace ws, InventoryReport source, List<String> notes) {
        Path file = ws.dir().resolve(PlanFile.FILE);
        Optional<Plan> existing = PlanFile.read(file);
        if (existing.isPresent()) {
            notes.add("plan read from " + PlanFile.FILE);
            return existing.get();
        }
        Plan computed = Planner.plan(new PlanInput(source, ws.workloads()));
        PlanUpdate update = PlanFile.update(file, computed);
        notes.add("no " + PlanFile.FILE + " yet: the plan was computed first and written to " + file);
        update.changes().forEach(notes::add);
        return update.plan();
    }

    private static List<Wave> select(Plan plan, Optional<String> wave) {
        if (wave.isEmpty()) {
            return plan.waves();
        }
        return List.of(plan.wave(wave.get()).orElseThrow(() -> {
            String known =
                    String.join(", ", plan.waves().stream().map(Wave::name).toList());
            return new CutoverException(
                    Reason.USAGE,
                    "no wave '" + wave.get() + "' in the plan; its waves are: " + known,
                    "pass one of: " + known + ", or leave out --wave for all");
        }));
    }
}
