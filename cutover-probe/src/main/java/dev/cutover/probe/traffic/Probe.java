package dev.cutover.probe.traffic;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Progress;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Runs the probe of one workload against the target: security with the workload's own client config, then traffic
 * shaped like it on private probe topics, which are deleted at the end whatever happened (a failed delete is a failed
 * check naming the topics left behind), then whether its signals can be read on the target ({@link
 * ObservabilityChecks}: broker metrics, consumer lag, the link's replication lag).
 *
 * <p>Invariants: nothing is written to the source (it is only described) nor to the workload's real topics (they are
 * only described; every send goes through {@link ProbeTopics#requireProbeTopic}). Every wait is bounded by the target
 * profile's timeout.
 */
public final class Probe {
    private static final int PARTITIONS = 2;

    /** Runs it. Throws {@link CutoverException} only for a target profile that cannot make a client (exit 2). */
    public ProbeReport run(ProbeRequest request) {
        return run(request, Progress.none());
    }

    /** The steps {@link #run(ProbeRequest, Progress)} tells. */
    private static final int STEPS = 4;

    /**
     * As {@link #run(ProbeRequest)}, telling {@code progress} its {@value #STEPS} steps: the target answers, the
     * security checks, the traffic on probe topics (and their deletion), the observability checks.
     */
    public ProbeReport run(ProbeRequest request, Progress progress) {
        try (Progress.Task task = progress.begin("probe " + request.workload(), "steps", OptionalLong.of(STEPS))) {
            int[] done = {0};
            task.note("connecting to the target");
            return run(request, next -> {
                task.note(next);
                task.update(++done[0], OptionalLong.of(STEPS));
            });
        }
    }

    private ProbeReport run(ProbeRequest request, java.util.function.Consumer<String> stepDone) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<ProbeCheck> checks = new ArrayList<>();
        List<String> created = new ArrayList<>();
        String clusterId = null;
        boolean unreachable = false;
        try (ClusterConnection target = ClusterConnection.open(request.target())) {
            int brokers;
            try {
                clusterId = target.clusterId();
                brokers = target.await(target.admin().describeCluster().nodes(), "list the brokers")
                        .size();
                checks.add(ProbeCheck.pass(
                        "target answers",
                        ProbeArea.PROTOCOL,
                        "cluster " + clusterId + ", " + brokers + " broker(s), kafka-clients "
                                + AppInfoParser.getVersion()));
                stepDone.accept("security checks next");
            } catch (CutoverException e) {
                if (e.exitCode() != 3) {
                    throw e;
                }
                unreachable = true;
                checks.add(ProbeCheck.fail(
                        "target answers",
                        ProbeArea.PROTOCOL,
                        e.getMessage(),
                        e.hint().orElse("")));
                return report(request, clusterId, started, t0, created, checks, true);
            }
            WorkloadShape shape = Shapes.derive(
                    request.workload(),
                    facts(request, target, checks),
                    clientSettings(request.clientConfig()),
                    request.transactionalMatch());
            request.clientConfig()
                    .ifPresentOrElse(
                            client -> checks.addAll(security(request, client, target)),
                            () -> checks.add(ProbeCheck.skipped(
                                    "security",
                                    ProbeArea.IDENTITY,
                                    "not checked: no --client-config (the workload's own client properties)")));
            stepDone.accept("traffic on probe topics next");
            ProbeTopics names = ProbeTopics.newRun(request.workload());
            try {
                traffic(request.target(), target, names, shape, brokers, checks, created);
                checks.addAll(schemas(request, target, names, brokers, created));
            } finally {
                checks.add(delete(target, created));
            }
            stepDone.accept("observability checks next");
            // After the traffic: the probe's own requests have made the brokers' request metrics exist.
            checks.addAll(new ObservabilityChecks(target).run(request.topics(), request.groups(), request.link()));
            stepDone.accept("done");
        }
        return report(request, clusterId, started, t0, created, checks, unreachable);
    }

    /** The security checks of the workload's own client config, and of a credential rotation. */
    private static List<ProbeCheck> security(ProbeRequest request, ConnectionProfile client, ClusterConnection target) {
        SecurityChecks security = new SecurityChecks(client, target.clusterId());
        SecurityChecks.Needs needs =
                new SecurityChecks.Needs(request.topics(), request.produces(), request.consumes(), request.groups());
        List<ProbeCheck> checks = new ArrayList<>(security.run(needs));
        request.rotation()
                .ifPresentOrElse(
                        rotation -> checks.addAll(new RotationChecks(security, client, rotation.rotated())
                                .run(
                                        needs,
                                        rotation.exercise(),
                                        target.admin(),
                                        SecurityChecks.username(request.target().clientProperties())
                                                .map(u -> "User:" + u)
                                                .orElse("<the principal of cutover's target profile>"))),
                        () -> checks.add(ProbeCheck.skipped(
                                RotationChecks.ROTATION,
                                ProbeArea.IDENTITY,
                                "not checked: pass --rotated-client-config FILE, the same client properties with the"
                                        + " new credential (a new SCRAM user or password, a new keystore)")));
        return checks;
    }

    private static void traffic(
            ConnectionProfile profile,
            ClusterConnection target,
            ProbeTopics names,
            WorkloadShape shape,
            int brokers,
            List<ProbeCheck> checks,
            List<String> created) {
        TrafficClients clients = new TrafficClients(profile, names);
        short replicas = (short) Math.min(3, brokers);
        List<TopicShape> topics = shape.topics();
        if (topics.isEmpty()) {
            checks.add(ProbeCheck.skipped(
                    "topics", ProbeArea.TOPICS, "the workload lists no literal topics: default probe topic only"));
        }
        int count = Math.max(1, topics.size());
        for (int i = 0; i < count; i++) {
            String topic = names.topic(i);
            Map<String, String> configs =
                    topics.isEmpty() ? Map.of() : topics.get(i).probeConfigs();
            String of = topics.isEmpty() ? "default" : topics.get(i).topic();
            try {
                target.await(
                        target.admin()
                                .createTopics(List.of(new NewTopic(topic, PARTITIONS, replicas).configs(configs)))
                                .all(),
                        "create probe topic " + topic);
                created.add(topic);
            } catch (CutoverException e) {
                checks.add(ProbeCheck.fail(
                        "probe topic for " + of + " created",
                        topics.isEmpty() ? ProbeArea.PROTOCOL : ProbeArea.TOPICS,
                        topic + " with " + configs + ": " + e.getMessage(),
                        "grant cutover's target principal CREATE on TOPIC prefix " + ProbeTopics.PREFIX
                                + ", or fix the config"));
                continue;
            }
            if (!topics.isEmpty()) {
                checks.addAll(new ShapeChecks(clients).run(shape, topics.get(i), topic));
            }
        }
        String behaviour = names.topic(0);
        if (!created.contains(behaviour)) {
            checks.add(ProbeCheck.unknown(
                    "producer and consumer", ProbeArea.PROTOCOL, "not run: no probe topic", "see the failed checks"));
            return;
        }
        ProducerChecks producer = new ProducerChecks(clients, target.admin());
        checks.add(producer.idempotent(behaviour));
        checks.add(producer.transactions(behaviour));
        checks.add(producer.leaderMove(behaviour, brokers));
        checks.addAll(new ConsumerChecks(clients, target.admin()).run(behaviour, shape));
    }

    /** The schema check ({@link SchemaChecks}) on its own probe topic, or one line saying why it is not run. */
    private static List<ProbeCheck> schemas(
            ProbeRequest request, ClusterConnection target, ProbeTopics names, int brokers, List<String> created) {
        if (!(request.schemas() instanceof SchemaPlan.Run plan)) {
            return List.of(ProbeCheck.skipped(
                    SchemaPlan.CHECK, ProbeArea.TOPICS, ((SchemaPlan.NotRun) request.schemas()).why()));
        }
        String topic = names.schemaTopic();
        try {
            target.await(
                    target.admin()
                            .createTopics(List.of(new NewTopic(topic, 1, (short) Math.min(3, brokers))))
                            .all(),
                    "create probe topic " + topic);
            created.add(topic);
        } catch (CutoverException e) {
            return List.of(ProbeCheck.unknown(
                    SchemaPlan.CHECK,
                    ProbeArea.TOPICS,
                    "not run: its probe topic " + topic + " could not be created: " + e.getMessage(),
                    "grant cutover's target principal CREATE on TOPIC prefix " + ProbeTopics.PREFIX));
        }
        return new SchemaChecks(plan, new TrafficClients(request.target(), names)).run(request.source(), topic);
    }

    private static List<TopicFacts> facts(ProbeRequest request, ClusterConnection target, List<ProbeCheck> checks) {
        Map<String, Map<String, String>> onTarget = TopicConfigs.describe(target, request.topics());
        Map<String, Map<String, String>> onSource = Map.of();
        if (request.source().isPresent() && !request.topics().isEmpty()) {
            try (ClusterConnection source =
                    ClusterConnection.open(request.source().get())) {
                onSource = TopicConfigs.describe(source, request.topics());
            } catch (CutoverException e) {
                checks.add(ProbeCheck.unknown(
                        "source topic configs",
                        ProbeArea.TOPICS,
                        "the source could not be described: " + e.getMessage(),
                        "the probe topics get the target's configs only"));
            }
        }
        List<TopicFacts> facts = new ArrayList<>();
        for (String topic : request.topics()) {
            Long largest = request.largestRecords().get(topic);
            facts.add(new TopicFacts(
                    topic,
                    Optional.ofNullable(onSource.get(topic)),
                    Optional.ofNullable(onTarget.get(topic)),
                    largest == null ? OptionalLong.empty() : OptionalLong.of(largest),
                    Optional.ofNullable(request.recordTraits().get(topic)),
                    request.sampleNotes().getOrDefault(topic, "")));
        }
        return facts;
    }

    private static Map<String, String> clientSettings(Optional<ConnectionProfile> client) {
        return client.map(ConnectionProfile::properties).orElse(Map.of());
    }

    private static ProbeCheck delete(ClusterConnection target, List<String> created) {
        String name = "probe topics deleted";
        if (created.isEmpty()) {
            return ProbeCheck.skipped(name, ProbeArea.PROTOCOL, "none was created");
        }
        try {
            target.admin()
                    .deleteTopics(created)
                    .all()
                    .get(target.profile().timeout().toMillis(), TimeUnit.MILLISECONDS);
            return ProbeCheck.pass(name, ProbeArea.PROTOCOL, String.join(", ", created));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return ProbeCheck.fail(
                    name,
                    ProbeArea.PROTOCOL,
                    "left on the target: " + String.join(", ", created) + " (" + Failures.describe(e) + ")",
                    "delete them by hand; grant cutover's target principal DELETE on TOPIC prefix "
                            + ProbeTopics.PREFIX);
        }
    }

    private static ProbeReport report(
            ProbeRequest request,
            String clusterId,
            Instant started,
            long t0,
            List<String> created,
            List<ProbeCheck> checks,
            boolean unreachable) {
        return new ProbeReport(
                request.workload(),
                clusterId,
                AppInfoParser.getVersion(),
                started,
                (System.nanoTime() - t0) / 1_000_000,
                created,
                checks,
                unreachable);
    }
}
