package dev.cutover.probe.traffic;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The probe's observability checks, run after its traffic: whether the workload's error, authentication and
 * authorization signals, its groups' consumer lag and its topics' replication lag can be read on the target. Each
 * passes only on an answer read from the target; without one it is unknown and says why. Read-only, every wait
 * bounded by the target profile's timeout.
 *
 * <p>What a pass proves: the signal exists on the target and cutover could read it. Not that the team's dashboards
 * or alerts watch it.
 */
final class ObservabilityChecks {
    static final String METRICS = "observability: target broker metrics readable";
    private static final ProbeArea AREA = ProbeArea.OBSERVABILITY;

    private final ClusterConnection target;

    ObservabilityChecks(ClusterConnection target) {
        this.target = target;
    }

    List<ProbeCheck> run(List<String> topics, List<String> groups, String link) {
        List<ProbeCheck> checks = new ArrayList<>();
        checks.add(metrics());
        checks.addAll(consumerLag(groups));
        checks.add(replicationLag(topics, link));
        return checks;
    }

    /** The brokers' error, authentication and authorization signals through the profile's {@code jmx:} URLs. */
    ProbeCheck metrics() {
        List<String> urls = target.profile().jmxUrls();
        if (urls.isEmpty()) {
            return ProbeCheck.unknown(
                    METRICS,
                    AREA,
                    "the target profile has no jmx: URL; cutover cannot read the target's broker metrics",
                    "add the target brokers' JMX URLs under the target profile's jmx: in cutover.yaml");
        }
        return metricsVerdict(BrokerMetrics.read(urls, target.profile().timeout()));
    }

    static ProbeCheck metricsVerdict(List<BrokerMetrics.Reading> readings) {
        List<String> failed = readings.stream()
                .filter(r -> !r.answered())
                .map(BrokerMetrics.Reading::problem)
                .toList();
        if (!failed.isEmpty()) {
            return ProbeCheck.fail(
                    METRICS,
                    AREA,
                    String.join("; ", failed),
                    "check the URL, that the brokers' JMX port is reachable from this host (firewall, the broker's"
                            + " java.rmi.server.hostname) without credentials; or remove it from the target"
                            + " profile's jmx:");
        }
        List<String> absent = new ArrayList<>();
        for (BrokerMetrics.Reading r : readings) {
            List<String> missing = java.util.Arrays.stream(BrokerMetrics.Signal.values())
                    .filter(s -> r.of(s).isEmpty())
                    .map(BrokerMetrics.Signal::shown)
                    .toList();
            if (!missing.isEmpty()) {
                absent.add("JMX at " + r.url() + " answers but exports no " + String.join(", no ", missing) + " (read: "
                        + read(r) + ")");
            }
        }
        if (!absent.isEmpty()) {
            return ProbeCheck.fail(
                    METRICS,
                    AREA,
                    String.join("; ", absent),
                    "point jmx: at the brokers' own JMX (the broker JVM's MBeans, e.g. JMX_PORT), not at an"
                            + " exporter that leaves these out");
        }
        return ProbeCheck.pass(
                METRICS, AREA, readings.stream().map(ObservabilityChecks::read).collect(Collectors.joining("; ")));
    }

    /** What one URL exported, MBean by MBean (request errors by count; authorization errors by name). */
    private static String read(BrokerMetrics.Reading r) {
        List<String> parts = new ArrayList<>();
        for (BrokerMetrics.Signal signal :
                List.of(BrokerMetrics.Signal.FAILED_PRODUCE, BrokerMetrics.Signal.FAILED_FETCH)) {
            r.of(signal).forEach(v -> parts.add(v.mbean() + " Count=" + v.value()));
        }
        List<BrokerMetrics.Value> auth = r.of(BrokerMetrics.Signal.FAILED_AUTHENTICATION);
        if (!auth.isEmpty()) {
            parts.add("failed-authentication-total=" + r.sum(BrokerMetrics.Signal.FAILED_AUTHENTICATION) + " (sum of "
                    + auth.size() + " kafka.server:type=socket-server-metrics MBean(s)"
                    + auth.stream()
                            .map(v -> "; " + keys(v.mbean(), "listener", "networkProcessor") + ": " + v.value())
                            .collect(Collectors.joining())
                    + ")");
        }
        List<BrokerMetrics.Value> errors = r.of(BrokerMetrics.Signal.REQUEST_ERRORS);
        if (!errors.isEmpty()) {
            List<BrokerMetrics.Value> authz = r.authorizationFailures();
            parts.add("kafka.network:type=RequestMetrics,name=ErrorsPerSec: " + errors.size()
                    + " MBean(s) exported (one per request and error code seen), " + authz.size()
                    + " of them error=*AUTHORIZATION_FAILED"
                    + (authz.isEmpty()
                            ? " (none has happened on this broker since it started: such an MBean appears at the first"
                                    + " one)"
                            : authz.stream()
                                    .map(v -> "; " + keys(v.mbean(), "request", "error") + " Count=" + v.value())
                                    .collect(Collectors.joining())));
        }
        return r.url() + ": " + (parts.isEmpty() ? "nothing" : String.join(", ", parts));
    }

    private static String keys(String mbean, String... keys) {
        try {
            javax.management.ObjectName name = new javax.management.ObjectName(mbean);
            List<String> parts = new ArrayList<>();
            for (String k : keys) {
                parts.add(k + "=" + name.getKeyProperty(k));
            }
            return String.join(",", parts);
        } catch (javax.management.MalformedObjectNameException e) {
            return mbean;
        }
    }

    /** Per literal group: its committed offsets and the end offsets on the target, hence its lag. */
    List<ProbeCheck> consumerLag(List<String> groups) {
        if (groups.isEmpty()) {
            return List.of(ProbeCheck.skipped(
                    "observability: consumer lag", AREA, "the workload names no literal consumer group"));
        }
        return groups.stream().map(this::consumerLag).toList();
    }

    static String lagName(String group) {
        return "observability: consumer lag of " + group + " on the target";
    }

    private ProbeCheck consumerLag(String group) {
        String name = lagName(group);
        Map<TopicPartition, Long> committed = new LinkedHashMap<>();
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = target.await(
                    target.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "list the committed offsets of group " + group);
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    committed.put(tp, o.offset());
                }
            });
        } catch (CutoverException e) {
            return ProbeCheck.unknown(
                    name,
                    AREA,
                    "the target did not give the group's committed offsets: " + e.getMessage(),
                    "grant cutover's target principal DESCRIBE on GROUP " + group + " and on its topics");
        }
        if (committed.isEmpty()) {
            return ProbeCheck.unknown(
                    name,
                    AREA,
                    "no committed offsets on the target yet: lag becomes visible after `cutover offsets sync` or the"
                            + " first commit",
                    "run `cutover offsets sync --group " + group + "` (or let the workload commit on the target)");
        }
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        try {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answered = target.await(
                    target.admin().listOffsets(latest).all(),
                    "list the end offsets of group " + group + "'s partitions");
            answered.forEach((tp, info) -> ends.put(tp, info.offset()));
        } catch (CutoverException e) {
            return ProbeCheck.unknown(
                    name,
                    AREA,
                    "the target did not give the end offsets of " + committed.keySet() + ": " + e.getMessage(),
                    "grant cutover's target principal DESCRIBE on the group's topics; check they exist on the target");
        }
        GroupLag lag = GroupLag.of(group, committed, ends);
        if (!lag.noEnd().isEmpty()) {
            return ProbeCheck.unknown(
                    name, AREA, "the target gave no end offset for " + lag.noEnd(), "check the partitions exist there");
        }
        return ProbeCheck.pass(
                name,
                AREA,
                group + ": " + lag.describe()
                        + " (in offsets: end offset minus committed offset per partition, as Kafka's tools count it;"
                        + " transaction markers take offsets too; read from the target: listConsumerGroupOffsets,"
                        + " listOffsets latest)");
    }

    /** The link's stored status of the workload's topics on the target. */
    ProbeCheck replicationLag(List<String> topics, String link) {
        String name = ReplicationLag.checkName(link);
        if (topics.isEmpty()) {
            return ReplicationLag.verdict(link, topics, Map.of(), Optional.empty(), System.currentTimeMillis());
        }
        LinkTopics names = LinkTopics.named(link);
        Optional<LinkState.Snapshot> state;
        Map<String, Integer> partitions = new LinkedHashMap<>();
        try {
            Set<String> onTarget = target.await(target.admin().listTopics().names(), "list the target's topics");
            List<String> present = topics.stream().filter(onTarget::contains).toList();
            if (!present.isEmpty()) {
                Map<String, TopicDescription> described = target.await(
                        target.admin().describeTopics(present).allTopicNames(), "describe the workload's topics");
                described.forEach((t, d) -> partitions.put(t, d.partitions().size()));
            }
            // Asked first: reading a missing topic could have a broker auto-create it, changing the target.
            state = onTarget.contains(names.state())
                    ? Optional.of(LinkState.read(
                            target.profile().clientProperties(),
                            names,
                            target.profile().timeout()))
                    : Optional.empty();
        } catch (CutoverException e) {
            return ProbeCheck.unknown(
                    name,
                    AREA,
                    "the link's state could not be read: " + e.getMessage(),
                    "grant cutover's target principal DESCRIBE and READ on TOPIC " + names.state());
        } catch (RuntimeException e) {
            return ProbeCheck.unknown(
                    name,
                    AREA,
                    "the link's state could not be read from " + names.state() + ": " + Failures.describe(e),
                    "grant cutover's target principal READ on TOPIC " + names.state() + ", or a longer timeout");
        }
        return ReplicationLag.verdict(link, topics, partitions, state, System.currentTimeMillis());
    }
}
