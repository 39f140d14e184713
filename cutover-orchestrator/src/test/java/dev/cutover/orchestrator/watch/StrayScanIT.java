package dev.cutover.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stray clients on a real source and target: members, commits and producers left behind by a move. */
@ExtendWith(ClustersExtension.class)
class StrayScanIT {
    private static final Duration CALL = Duration.ofSeconds(10);

    @Test
    void membersLeftOnTheSourceAndOnBothSidesAreNamed(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given group "split" running on both clusters, and group "left" only on the source
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            Clients.topic(src, "members", 1);
            Clients.topic(tgt, "members", 1);
            try (KafkaConsumer<String, String> a = Clients.joined(source, "split", "split-old", "members");
                    KafkaConsumer<String, String> b = Clients.joined(target, "split", "split-new", "members");
                    KafkaConsumer<String, String> c = Clients.joined(source, "left", "left-behind", "members")) {
                assertThat(List.of(a, b, c))
                        .allSatisfy(x -> assertThat(x.assignment()).isNotEmpty());
                StrayScan scan = new StrayScan(src, "source", Optional.of(tgt), "target", CALL);
                StrayBaseline baseline = scan.baseline(List.of("split", "left"), Map.of());

                // When
                StrayReport report = scan.scan(baseline);

                // Then
                assertThat(report.notChecked()).isEmpty();
                assertThat(report.found())
                        .extracting(StrayClient::kind, StrayClient::subject, StrayClient::clientId)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(StrayKind.BOTH_SIDES, "split", "split-old"),
                                org.assertj.core.groups.Tuple.tuple(StrayKind.SOURCE_MEMBER, "left", "left-behind"));
                assertThat(report.found()).allSatisfy(f -> {
                    assertThat(f.host()).contains("127.0.0.1");
                    assertThat(f.principal()).isEqualTo(StrayClient.UNKNOWN);
                });
                assertThat(report.lines()).anySatisfy(l -> assertThat(l)
                        .startsWith("group 'split' runs on both clusters at once: member ")
                        .contains("while 1 run on the target"));

                // When the target is absent, Then members on the source are still found and "both sides" is unknown
                StrayReport blind = new StrayScan(src, "source", Optional.empty(), "target", CALL).scan(baseline);
                assertThat(blind.found())
                        .extracting(StrayClient::kind, StrayClient::clientId)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(StrayKind.SOURCE_MEMBER, "split-old"),
                                org.assertj.core.groups.Tuple.tuple(StrayKind.SOURCE_MEMBER, "left-behind"));
                assertThat(blind.notChecked())
                        .extracting(NotChecked::kind, NotChecked::subject)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(StrayKind.BOTH_SIDES, "split"),
                                org.assertj.core.groups.Tuple.tuple(StrayKind.BOTH_SIDES, "left"));
            }
        }
    }

    @Test
    void anUnreachableOrAbsentTargetIsNeverACleanReport(@Cluster("source") EmbeddedCluster source) throws Exception {
        // Given a moved group with nobody left on the source, and a target that does not answer
        try (Admin src = source.admin();
                Admin dead = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:1",
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                        200))) {
            Clients.topic(src, "gone-topic", 1);
            Clients.commit(src, "gone", "gone-topic", 0);
            StrayScan scan = new StrayScan(src, "source", Optional.of(dead), "target", Duration.ofMillis(800));
            StrayBaseline baseline = scan.baseline(List.of("gone"), Map.of());

            // When
            StrayReport report = scan.scan(baseline);
            StrayReport absent = new StrayScan(src, "source", Optional.empty(), "target", CALL).scan(baseline);

            // Then nothing is found, and the cross-cluster check is listed as not made, with why
            assertThat(report.found()).isEmpty();
            assertThat(report.clean()).isFalse();
            assertThat(report.notChecked()).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(StrayKind.BOTH_SIDES);
                assertThat(n.subject()).isEqualTo("gone");
                assertThat(n.why()).contains("target");
            });
            assertThat(absent.clean()).isFalse();

            // and a source that does not answer leaves every check not made, after one timeout
            StrayBaseline withTopic = new StrayScan(src, "source", Optional.empty(), "target", CALL)
                    .baseline(List.of("gone"), Map.of("gone-topic", ExpectedWriters.none()));
            long start = System.nanoTime();
            StrayReport blind =
                    new StrayScan(dead, "source", Optional.of(src), "target", Duration.ofMillis(800)).scan(withTopic);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(blind.found()).isEmpty();
            assertThat(blind.notChecked())
                    .extracting(NotChecked::kind)
                    .containsExactlyInAnyOrder(
                            StrayKind.SOURCE_MEMBER,
                            StrayKind.BOTH_SIDES,
                            StrayKind.SOURCE_COMMIT,
                            StrayKind.SOURCE_PRODUCER,
                            StrayKind.SOURCE_LOG_GROWTH);
            assertThat(absent.notChecked())
                    .singleElement()
                    .extracting(NotChecked::why)
                    .isEqualTo("no connection to the target");
        }
    }

    @Test
    void aCommitOnTheSourceAfterTheBaselineIsFoundAndNoChangeIsClean(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            Clients.topic(src, "bills", 1);
            Clients.commit(src, "billing", "bills", 3);
            Clients.commit(src, "quiet", "bills", 7);
            StrayScan scan = new StrayScan(src, "source", Optional.of(tgt), "target", CALL);
            StrayBaseline baseline = scan.baseline(List.of("billing", "quiet"), Map.of());
            assertThat(baseline.groupOffsets()).containsEntry("billing", Map.of("bills-0", 3L));
            assertThat(scan.scan(baseline).clean()).as("nothing changed").isTrue();

            // When a client commits for "billing" on the source after the move
            Clients.commit(src, "billing", "bills", 5);
            StrayReport report = scan.scan(baseline);

            // Then
            assertThat(report.notChecked()).isEmpty();
            assertThat(report.found()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(StrayKind.SOURCE_COMMIT);
                assertThat(f.subject()).isEqualTo("billing");
                assertThat(f.detail()).startsWith("bills-0: 3 -> 5").contains("no member on the source");
                assertThat(f.clientId()).isEqualTo(StrayClient.UNKNOWN);
            });
        }
    }

    @Test
    void anIdempotentProducerStillWritingIsFoundAndTheExpectedOneIsNot(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (Admin src = source.admin();
                Admin tgt = target.admin();
                KafkaProducer<String, String> expected = Clients.producer(source, "reverse-copy", null)) {
            // Given the expected writer (say, the reverse copy), and the moved producer that wrote, then stopped
            Clients.topic(src, "payments", 1);
            Clients.write(expected, "payments", 1, false);
            long expectedId = Clients.producerIds(src, "payments").iterator().next();
            try (KafkaProducer<String, String> moved = Clients.producer(source, "payments-app", null)) {
                Clients.write(moved, "payments", 3, false);
            }
            Set<Long> before = Clients.producerIds(src, "payments");
            StrayScan scan = new StrayScan(src, "source", Optional.of(tgt), "target", CALL);
            StrayBaseline baseline =
                    scan.baseline(List.of(), Map.of("payments", ExpectedWriters.producerIds(expectedId)));

            // When the expected writer writes, and a forgotten instance of the moved producer too
            Clients.write(expected, "payments", 2, false);
            long explained = src.listOffsets(Map.of(
                            new org.apache.kafka.common.TopicPartition("payments", 0),
                            org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next()
                    .offset();
            long strayId;
            try (KafkaProducer<String, String> stray = Clients.producer(source, "payments-app-2", null)) {
                Clients.write(stray, "payments", 2, false);
                Set<Long> now = new HashSet<>(Clients.producerIds(src, "payments"));
                now.removeAll(before);
                strayId = now.iterator().next();
            }
            StrayReport report = scan.scan(baseline, Map.of("payments-0", explained));

            // Then the stray producer is found by its id, with the log growth it caused; the expected one and the
            // stopped one are not
            assertThat(report.notChecked()).isEmpty();
            assertThat(report.found())
                    .extracting(StrayClient::kind)
                    .containsExactlyInAnyOrder(StrayKind.SOURCE_PRODUCER, StrayKind.SOURCE_LOG_GROWTH);
            assertThat(report.found())
                    .filteredOn(f -> f.kind() == StrayKind.SOURCE_PRODUCER)
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.subject()).isEqualTo("payments-0");
                        assertThat(f.detail())
                                .startsWith("producer id " + strayId + ",")
                                .contains("no transactional id");
                        assertThat(f.clientId()).isEqualTo(StrayClient.UNKNOWN);
                    });
            assertThat(report.found())
                    .filteredOn(f -> f.kind() == StrayKind.SOURCE_LOG_GROWTH)
                    .singleElement()
                    .extracting(StrayClient::detail)
                    .asString()
                    .startsWith("log end " + (explained + 2) + " is 2 past " + explained);

            // and without the end the expected writers account for, the growth is unknown, not clean
            StrayReport unattributed = scan.scan(baseline);
            assertThat(unattributed.notChecked())
                    .extracting(NotChecked::kind)
                    .containsExactly(StrayKind.SOURCE_LOG_GROWTH);
        }
    }

    @Test
    void aTransactionalProducerStillWritingIsNamedByItsTransactionalId(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (Admin src = source.admin();
                Admin tgt = target.admin();
                KafkaProducer<String, String> reverse =
                        Clients.producer(source, "reverse", "__cutover.reverse-orders");
                KafkaProducer<String, String> app = Clients.producer(source, "orders-app", "orders-app-tx")) {
            // Given both wrote before the move
            Clients.topic(src, "orders", 1);
            Clients.write(reverse, "orders", 1, true);
            Clients.write(app, "orders", 1, true);
            StrayScan scan = new StrayScan(src, "source", Optional.of(tgt), "target", CALL);
            StrayBaseline baseline = scan.baseline(
                    List.of(), Map.of("orders", ExpectedWriters.transactionalIds("__cutover.reverse-orders")));
            assertThat(scan.scan(baseline).found()).as("nobody wrote since").isEmpty();

            // When both write again
            Clients.write(reverse, "orders", 2, true);
            Clients.write(app, "orders", 2, true);
            StrayReport report = scan.scan(baseline);

            // Then only the application's producer is a stray, named by its transactional id
            assertThat(report.found()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(StrayKind.SOURCE_PRODUCER);
                assertThat(f.detail()).contains("transactional id 'orders-app-tx'");
            });
            assertThat(report.lines()).noneMatch(l -> l.contains("__cutover.reverse-orders"));
        }
    }

    @Test
    void aWriterWithoutIdempotenceShowsAsLogGrowthWhereNobodyMayWrite(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (Admin src = source.admin();
                Admin tgt = target.admin();
                KafkaProducer<String, String> plain = Clients.plainProducer(source)) {
            // Given a topic whose writers all moved (an endpoint switch: nobody may write on the source)
            Clients.topic(src, "audit", 1);
            StrayScan scan = new StrayScan(src, "source", Optional.of(tgt), "target", CALL);
            StrayBaseline baseline = scan.baseline(List.of(), Map.of("audit", ExpectedWriters.none()));

            // When a producer without idempotence (no producer id) writes there
            Clients.write(plain, "audit", 4, false);
            StrayReport report = scan.scan(baseline);

            // Then it shows by the log growth
            assertThat(report.notChecked()).isEmpty();
            assertThat(report.found()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(StrayKind.SOURCE_LOG_GROWTH);
                assertThat(f.detail()).startsWith("log end grew from 0 to 4 (+4)");
            });
        }
    }
}
