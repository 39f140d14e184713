package dev.cutover.orchestrator.watch;

import static dev.cutover.orchestrator.watch.Clients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.orchestrator.watch.CommitProgress.Verdict;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Groups emptying and filling, committed offsets, lag and commit progress on a real cluster. */
@ExtendWith(ClustersExtension.class)
class GroupWatchIT {
    private static final Duration CALL = Duration.ofSeconds(10);

    @Test
    void awaitEmptyNamesTheLiveConsumerOnTimeoutAndReturnsOnceItCloses(@Cluster("source") EmbeddedCluster source)
            throws Exception {
        // Given a consumer that runs in group "billing"
        try (Admin admin = source.admin()) {
            Clients.topic(admin, "invoices", 1);
            GroupWatch watch = new GroupWatch(admin, "source", CALL);
            KafkaConsumer<String, String> consumer = Clients.joined(source, "billing", "billing-app", "invoices");
            try {
                List<GroupMember> members = watch.members("billing");
                assertThat(members).singleElement().satisfies(m -> {
                    assertThat(m.clientId()).isEqualTo("billing-app");
                    assertThat(m.host()).contains("127.0.0.1");
                    assertThat(m.groupInstanceId()).isNull();
                });
                List<List<GroupMember>> seen = new ArrayList<>();

                // When we wait for the group to empty while it runs, Then the wait fails naming it
                assertThatThrownBy(() -> watch.awaitEmpty("billing", Duration.ofMillis(600), seen::add))
                        .isInstanceOfSatisfying(CutoverException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED);
                            assertThat(e.getMessage())
                                    .contains("group 'billing' on the source still has 1 member")
                                    .contains("client billing-app")
                                    .contains(members.get(0).memberId())
                                    .contains(members.get(0).host());
                        });
                assertThat(seen).containsExactly(members);
            } finally {
                consumer.close();
            }

            // When it closed, Then the wait returns
            List<List<GroupMember>> seen = new ArrayList<>();
            watch.awaitEmpty("billing", TIMEOUT, seen::add);
            assertThat(watch.members("billing")).isEmpty();
            // and a group nobody ever used is empty at once
            watch.awaitEmpty("nobody-uses-this", Duration.ofMillis(1), m -> {
                throw new AssertionError("no progress expected: " + m);
            });
        }
    }

    @Test
    void aClosedStaticMemberStaysListedAndTheFailureSaysWhy(@Cluster("source") EmbeddedCluster source)
            throws Exception {
        // Given a static member (group.instance.id) that closed: the coordinator keeps it for its session timeout
        try (Admin admin = source.admin()) {
            Clients.topic(admin, "static-topic", 1);
            Clients.joined(
                            source,
                            "static-group",
                            "static-app",
                            "static-topic",
                            Map.of(
                                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                                    "static-app-1",
                                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                                    30_000))
                    .close();
            GroupWatch watch = new GroupWatch(admin, "source", CALL);

            // When / Then
            assertThatThrownBy(() -> watch.awaitEmpty("static-group", Duration.ofMillis(300), m -> {}))
                    .isInstanceOfSatisfying(CutoverException.class, e -> {
                        assertThat(e.getMessage()).contains("static instance static-app-1");
                        assertThat(e.hint()).get().asString().contains("session.timeout.ms");
                    });
        }
    }

    @Test
    void awaitMembersReturnsTheMembersOrSaysHowManyItSaw(@Cluster("source") EmbeddedCluster source) throws Exception {
        try (Admin admin = source.admin()) {
            Clients.topic(admin, "shipments", 1);
            GroupWatch watch = new GroupWatch(admin, "target", CALL);
            assertThatThrownBy(() -> watch.awaitMembers("shipping", 1, Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                            .contains("group 'shipping' on the target has 0 members")
                            .contains("1 expected"));
            try (KafkaConsumer<String, String> consumer =
                    Clients.joined(source, "shipping", "shipping-app", "shipments")) {
                assertThat(consumer.assignment()).isNotEmpty();
                assertThat(watch.awaitMembers("shipping", 1, TIMEOUT))
                        .extracting(GroupMember::clientId)
                        .containsExactly("shipping-app");
                assertThatThrownBy(() -> watch.awaitMembers("shipping", 2, Duration.ofMillis(300)))
                        .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                                .contains("has 1 member")
                                .contains("2 expected")
                                .contains("client shipping-app"));
            }
        }
    }

    @Test
    void lagReadsToTheLastStableOffsetForReadCommittedReaders(@Cluster("source") EmbeddedCluster source)
            throws Exception {
        // Given a committed transaction of 10 records (offsets 0-9, marker 10), then an open one of 3 (11-13), and a
        // group at 11: it read everything committed
        try (Admin admin = source.admin();
                KafkaProducer<String, String> tx = Clients.producer(source, "tx-writer", "lag-tx")) {
            Clients.topic(admin, "ledger", 1);
            Clients.write(tx, "ledger", 10, true);
            tx.beginTransaction();
            for (int i = 0; i < 3; i++) {
                tx.send(new ProducerRecord<>("ledger", 0, "open", "open")).get();
            }
            tx.flush();
            Clients.commit(admin, "ledger-readers", "ledger", 11);
            GroupWatch watch = new GroupWatch(admin, "target", CALL);

            // When / Then: a read_committed reader has nothing to read before the open transaction (the last stable
            // offset is 11), a read_uncommitted one has its 3 records
            assertThat(watch.committed("ledger-readers")).isEqualTo(Map.of(new TopicPartition("ledger", 0), 11L));
            GroupLag committed = watch.lag("ledger-readers", IsolationLevel.READ_COMMITTED);
            GroupLag uncommitted = watch.lag("ledger-readers", IsolationLevel.READ_UNCOMMITTED);
            assertThat(committed.partitions()).singleElement().satisfies(p -> {
                assertThat(p.end()).isEqualTo(11);
                assertThat(p.lag()).isZero();
            });
            assertThat(committed.caughtUp()).isTrue();
            assertThat(uncommitted.total()).isEqualTo(3);
            tx.abortTransaction();
        }
    }

    @Test
    void commitProgressIsAdvancedCaughtUpStalledOrNoCommits(@Cluster("source") EmbeddedCluster source)
            throws Exception {
        try (Admin admin = source.admin();
                KafkaProducer<String, String> producer = Clients.producer(source, "w", null)) {
            Clients.topic(admin, "events", 1);
            Clients.write(producer, "events", 10, false);
            GroupWatch watch = new GroupWatch(admin, "target", CALL);
            Duration window = Duration.ofMillis(400);

            // Given no commit at all
            assertThat(watch.awaitCommitProgress("events-app", window, IsolationLevel.READ_UNCOMMITTED)
                            .verdict())
                    .isEqualTo(Verdict.NO_COMMITS);

            // Given a group at 4 of 10 that does not commit
            Clients.commit(admin, "events-app", "events", 4);
            CommitProgress stalled = watch.awaitCommitProgress("events-app", window, IsolationLevel.READ_UNCOMMITTED);
            assertThat(stalled.verdict()).isEqualTo(Verdict.STALLED);
            assertThat(stalled.lagAtEnd().total()).isEqualTo(6);
            assertThat(stalled.text()).contains("6 records wait");

            // When it commits during the window
            CompletableFuture<CommitProgress> watching = CompletableFuture.supplyAsync(
                    () -> watch.awaitCommitProgress("events-app", TIMEOUT, IsolationLevel.READ_UNCOMMITTED));
            CommitProgress advanced = null;
            for (long offset = 5; offset <= 10 && advanced == null; offset++) {
                Clients.commit(admin, "events-app", "events", offset);
                try {
                    advanced = watching.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // commit again: the first may have landed before the window's first look
                }
            }
            assertThat(advanced).isNotNull();
            assertThat(advanced.verdict()).isEqualTo(Verdict.ADVANCED);
            assertThat(advanced.advanced()).singleElement().asString().startsWith("events-0: ");

            // Given a group at the end that has nothing to read
            Clients.commit(admin, "events-app", "events", 10);
            CommitProgress idle = watch.awaitCommitProgress("events-app", window, IsolationLevel.READ_UNCOMMITTED);
            assertThat(idle.verdict()).isEqualTo(Verdict.CAUGHT_UP);
            assertThat(idle.verdict().healthy()).isTrue();
        }
    }
}
