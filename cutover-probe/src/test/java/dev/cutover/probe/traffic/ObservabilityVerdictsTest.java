package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ObservabilityVerdictsTest {
    private static final String PRODUCE = "kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec";
    private static final String FETCH = "kafka.server:type=BrokerTopicMetrics,name=FailedFetchRequestsPerSec";

    @Test
    void metricsPassOnlyWhenEverySignalIsExportedAndNameTheMBeansWithTheirValues() {
        // Given a broker that exports all four signals, one authorization error included
        BrokerMetrics.Reading all = reading(
                "service:jmx:rmi:///jndi/rmi://b1:9999/jmxrmi",
                Map.of(
                        BrokerMetrics.Signal.FAILED_PRODUCE, List.of(new BrokerMetrics.Value(PRODUCE, 3)),
                        BrokerMetrics.Signal.FAILED_FETCH, List.of(new BrokerMetrics.Value(FETCH, 0)),
                        BrokerMetrics.Signal.FAILED_AUTHENTICATION, List.of(auth("CLIENT", 0, 2), auth("CLIENT", 1, 5)),
                        BrokerMetrics.Signal.REQUEST_ERRORS,
                                List.of(
                                        errors("Produce", "NONE", 100),
                                        errors("Metadata", "TOPIC_AUTHORIZATION_FAILED", 4))));
        // and one that exports only the socket server's metrics (an exporter that leaves the request meters out)
        BrokerMetrics.Reading partial = reading(
                "service:jmx:rmi:///jndi/rmi://b2:9999/jmxrmi",
                Map.of(BrokerMetrics.Signal.FAILED_AUTHENTICATION, List.of(auth("CLIENT", 0, 0))));

        // When judged
        ProbeCheck pass = ObservabilityChecks.metricsVerdict(List.of(all));
        ProbeCheck absent = ObservabilityChecks.metricsVerdict(List.of(all, partial));

        // Then the first passes, naming what it read
        assertThat(pass.status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(pass.area()).isEqualTo(ProbeArea.OBSERVABILITY);
        assertThat(pass.details())
                .contains(PRODUCE + " Count=3", FETCH + " Count=0")
                .contains("failed-authentication-total=7 (sum of 2 kafka.server:type=socket-server-metrics MBean(s)")
                .contains("listener=CLIENT,networkProcessor=1: 5")
                .contains("ErrorsPerSec: 2 MBean(s) exported", "1 of them error=*AUTHORIZATION_FAILED")
                .contains("request=Metadata,error=TOPIC_AUTHORIZATION_FAILED Count=4");
        // and the second fails, naming what is absent where
        assertThat(absent.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(absent.details())
                .contains("JMX at service:jmx:rmi:///jndi/rmi://b2:9999/jmxrmi answers but exports no " + PRODUCE)
                .contains("no kafka.network:type=RequestMetrics,name=ErrorsPerSec,request=*,error=*")
                .doesNotContain("b1:9999/jmxrmi answers")
                .endsWith("(read: service:jmx:rmi:///jndi/rmi://b2:9999/jmxrmi: failed-authentication-total=0 (sum of 1"
                        + " kafka.server:type=socket-server-metrics MBean(s); listener=CLIENT,networkProcessor=0: 0))");
    }

    @Test
    void noAuthorizationFailureYetIsSaidPlainlyAndAnUnreadableUrlFails() {
        BrokerMetrics.Reading quiet = reading(
                "u",
                Map.of(
                        BrokerMetrics.Signal.FAILED_PRODUCE, List.of(new BrokerMetrics.Value(PRODUCE, 0)),
                        BrokerMetrics.Signal.FAILED_FETCH, List.of(new BrokerMetrics.Value(FETCH, 0)),
                        BrokerMetrics.Signal.FAILED_AUTHENTICATION, List.of(auth("CLIENT", 0, 0)),
                        BrokerMetrics.Signal.REQUEST_ERRORS, List.of(errors("Produce", "NONE", 1))));

        ProbeCheck pass = ObservabilityChecks.metricsVerdict(List.of(quiet));
        ProbeCheck unreadable = ObservabilityChecks.metricsVerdict(
                List.of(quiet, BrokerMetrics.Reading.failed("v", "cannot connect to JMX at v: ConnectException")));

        assertThat(pass.status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(pass.details()).contains("0 of them error=*AUTHORIZATION_FAILED (none has happened");
        assertThat(unreadable.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(unreadable.details()).isEqualTo("cannot connect to JMX at v: ConnectException");
        assertThat(unreadable.fix()).contains("reachable from this host");
    }

    @Test
    void theShownUrlHidesUserInfo() {
        assertThat(BrokerMetrics.shown("service:jmx:rmi:///jndi/rmi://admin:s3cret@b1:9999/jmxrmi"))
                .isEqualTo("service:jmx:rmi:///jndi/rmi://***@b1:9999/jmxrmi");
    }

    @Test
    void groupLagIsEndMinusCommittedPerPartitionSummedWithItsLargestPartition() {
        TopicPartition a0 = new TopicPartition("a", 0);
        TopicPartition a1 = new TopicPartition("a", 1);
        TopicPartition b0 = new TopicPartition("b", 0);
        TopicPartition gone = new TopicPartition("gone", 0);
        Map<TopicPartition, Long> committed = new LinkedHashMap<>();
        committed.put(a0, 4L);
        committed.put(a1, 10L);
        committed.put(b0, 9L);

        GroupLag lag = GroupLag.of("g", committed, Map.of(a0, 10L, a1, 30L, b0, 7L));
        GroupLag missingEnd = GroupLag.of("g", Map.of(a0, 1L, gone, 1L), Map.of(a0, 1L));

        assertThat(lag.total()).isEqualTo(6 + 20);
        assertThat(lag.max()).contains(a1);
        assertThat(lag.maxLag()).isEqualTo(20);
        assertThat(lag.partitions()).isEqualTo(3);
        assertThat(lag.ahead()).containsExactly(b0);
        assertThat(lag.describe())
                .isEqualTo("lag 26 over 3 partition(s), max 20 on a-1; committed beyond the end (counted as"
                        + " 0) on [b-0]");
        assertThat(missingEnd.noEnd()).containsExactly(gone);
        assertThat(missingEnd.total()).isZero();
    }

    @Test
    void replicationLagPassesOnlyWhenEveryPartitionOfEveryTopicHasAKnownStatus() {
        long now = 1_000_000;
        Map<TopicPartition, LinkState.PartitionStatus> partitions = new LinkedHashMap<>();
        partitions.put(new TopicPartition("orders", 0), status("orders", 0, PartitionState.CAUGHT_UP, 0, 0));
        partitions.put(new TopicPartition("orders", 1), status("orders", 1, PartitionState.RUNNING, 12, 850));
        partitions.put(new TopicPartition("audit", 0), status("audit", 0, PartitionState.RUNNING, 1, 5));
        LinkState.Snapshot state = new LinkState.Snapshot(
                Optional.empty(),
                Optional.of(new LinkState.Lease(1, "i", "h", 1, now - 100, 5_000)),
                partitions,
                Map.of("refused", new LinkState.TopicStatus(1, "refused", "the target refused: policy", now)));

        ProbeCheck pass =
                ReplicationLag.verdict("default", List.of("orders"), Map.of("orders", 2), Optional.of(state), now);
        ProbeCheck partial = ReplicationLag.verdict(
                "default",
                List.of("orders", "audit", "refused", "other"),
                Map.of("orders", 2, "audit", 2),
                Optional.of(state),
                now);
        ProbeCheck noState = ReplicationLag.verdict("default", List.of("orders"), Map.of(), Optional.empty(), now);
        ProbeCheck noTopics = ReplicationLag.verdict("default", List.of(), Map.of(), Optional.empty(), now);

        assertThat(pass.status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(pass.name()).isEqualTo("observability: replication lag of link default");
        assertThat(pass.details())
                .startsWith("orders: 2 partition(s), lag 12 record(s), oldest uncopied 850 ms (running 1, caught-up 1)")
                .contains("the link runs: the lag is current");
        assertThat(partial.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
        assertThat(partial.details())
                .contains("audit partition(s) [1] have no status in link default")
                .contains("refused is not linked by link default (the target refused: policy)")
                .contains("other is not linked by link default (not on the target)")
                .contains("visible: orders: 2 partition(s)");
        assertThat(noState.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
        assertThat(noState.details()).contains("link default has no state on the target");
        assertThat(noTopics.status()).isEqualTo(ProbeCheck.Status.SKIPPED);
    }

    @Test
    void aStoppedLinkShowsTheLagAsOfItsLastUpdateAndAPartitionInErrorNamesWhy() {
        LinkState.PartitionStatus error = new LinkState.PartitionStatus(
                1, "t", 0, null, PartitionState.ERROR, "offset 7 too large", 7, 9, 2, 10, 0, null, null);
        LinkState.Snapshot stopped =
                new LinkState.Snapshot(Optional.empty(), Optional.empty(), Map.of(new TopicPartition("t", 0), error));

        ProbeCheck check = ReplicationLag.verdict("l", List.of("t"), Map.of("t", 1), Optional.of(stopped), 5);

        assertThat(check.status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(check.details())
                .contains("stopped in error, lag as last measured: t-0: offset 7 too large")
                .contains("the link does not run now: the lag as of 1970-01-01T00:00:00Z");
    }

    private static LinkState.PartitionStatus status(
            String topic, int partition, PartitionState state, long lagRecords, long lagMs) {
        return new LinkState.PartitionStatus(
                1, topic, partition, null, state, null, 100, 100 + lagRecords, lagRecords, lagMs, 1, null, null);
    }

    private static BrokerMetrics.Reading reading(String url, Map<BrokerMetrics.Signal, List<BrokerMetrics.Value>> v) {
        return new BrokerMetrics.Reading(url, v, null);
    }

    private static BrokerMetrics.Value auth(String listener, int processor, long value) {
        return new BrokerMetrics.Value(
                "kafka.server:type=socket-server-metrics,listener=" + listener + ",networkProcessor=" + processor,
                value);
    }

    private static BrokerMetrics.Value errors(String request, String error, long value) {
        return new BrokerMetrics.Value(
                "kafka.network:type=RequestMetrics,name=ErrorsPerSec,request=" + request + ",error=" + error, value);
    }
}
