package dev.cutover.link.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.txn.TakeoverResult.AbortedBeforeTakeover;
import dev.cutover.link.txn.TakeoverResult.Committed;
import dev.cutover.link.txn.TakeoverResult.ConcurrentInstance;
import dev.cutover.link.txn.TakeoverResult.NothingOpen;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TransactionTakeover} against a real Kafka broker (transaction.version 2, the default). The "previous instance"
 * is a transactional producer that is simply not called any more (paused); the successor is a new producer with the
 * same transactional id. Every test uses its own topic and transactional id.
 */
@ExtendWith(ClustersExtension.class)
class TransactionTakeoverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void commitsTheOpenTransactionSoTheSuccessorFencesWithoutAbortingAnything(@Cluster("target") EmbeddedCluster target)
            throws Exception {
        takeOverAnOpenTransaction(target, target.adminClientProperties(), "ongoing", true);
    }

    @Test
    void takesOverUnderSaslScramWithOnlyWriteOnTheTransactionalId(
            @Cluster(value = "secureTarget", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target)
            throws Exception {
        // Given a principal with exactly the documented ACL, and one without
        String txnId = "link-secure";
        target.createUser("linker", "linker-secret-1");
        target.createUser("stranger", "stranger-secret-1");
        target.createAcls(List.of(new AclBinding(
                new ResourcePattern(ResourceType.TRANSACTIONAL_ID, txnId, PatternType.LITERAL),
                new AccessControlEntry("User:linker", "*", AclOperation.WRITE, AclPermissionType.ALLOW))));
        Map<String, Object> linker = target.clientProperties("linker", "linker-secret-1");
        awaitAclPropagation(linker, txnId);

        // When / Then (the broker lists a transaction's partitions only for topics the principal may describe)
        takeOverAnOpenTransaction(target, linker, "secure", false);
        assertThat(TransactionTakeover.transactionVersion(linker, TIMEOUT)).isEqualTo((short) 2);
        assertThatThrownBy(() -> TransactionTakeover.adopt(
                        target.clientProperties("stranger", "stranger-secret-1"), txnId, TIMEOUT))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHORIZATION_FAILED))
                .hasMessageNotContaining("stranger-secret-1");
    }

    @Test
    void findsNothingOpenForAnUnknownIdOrACommittedTransaction(@Cluster("target") EmbeddedCluster target)
            throws Exception {
        // Given
        String topic = createTopic(target, "nothing");
        try (KafkaProducer<String, String> previous = producer(target, "link-nothing", Map.of())) {
            previous.initTransactions();
            previous.beginTransaction();
            send(previous, topic, "p1", 10);
            previous.commitTransaction();
        }

        // When
        TakeoverResult unknown = TransactionTakeover.adopt(target.adminClientProperties(), "link-never-used", TIMEOUT);
        TakeoverResult committed = TransactionTakeover.adopt(target.adminClientProperties(), "link-nothing", TIMEOUT);

        // Then
        assertThat(unknown).isInstanceOf(NothingOpen.class);
        assertThat(committed).isInstanceOf(NothingOpen.class);
        assertThat(TransactionTakeover.transactionVersion(target.adminClientProperties(), TIMEOUT))
                .isEqualTo((short) 2);
    }

    @Test
    void succeedsWhenThePreviousInstanceCommitsItselfBetweenDescribeAndCommit(@Cluster("target") EmbeddedCluster target)
            throws Exception {
        // Given the previous instance's transaction was seen open...
        String topic = createTopic(target, "race");
        String txnId = "link-race";
        KafkaProducer<String, String> previous = producer(target, txnId, Map.of());
        previous.initTransactions();
        previous.beginTransaction();
        send(previous, topic, "p1", 100);
        previous.flush();
        TransactionDescription seen = describe(target, txnId);
        assertThat(seen.state()).isEqualTo(TransactionState.ONGOING);
        // ...and then it woke up and committed it itself
        previous.commitTransaction();

        // When the takeover acts on what it saw
        TakeoverResult result = TransactionTakeover.adoptObserved(target.adminClientProperties(), txnId, seen, TIMEOUT);

        // Then
        assertThat(result.mayProceed()).isTrue();
        assertThat(result).isInstanceOfAny(Committed.class, NothingOpen.class);
        successorWrites(target, topic, txnId);
        previous.close(Duration.ofSeconds(5));
        assertOnlyCommittedData(target, topic, expected(100, 50));
    }

    @Test
    void stopsWithoutTouchingANewTransactionOfAPreviousInstanceThatIsStillRunning(
            @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given the previous instance's transaction was seen open...
        String topic = createTopic(target, "running");
        String txnId = "link-running";
        try (KafkaProducer<String, String> previous = producer(target, txnId, Map.of())) {
            previous.initTransactions();
            previous.beginTransaction();
            send(previous, topic, "p1", 100);
            previous.flush();
            TransactionDescription seen = describe(target, txnId);
            // ...but it is running: it commits and opens the next transaction
            previous.commitTransaction();
            previous.beginTransaction();
            send(previous, topic, "p1-next", 10);
            previous.flush();
            TransactionDescription next = describe(target, txnId);

            // When
            TakeoverResult result =
                    TransactionTakeover.adoptObserved(target.adminClientProperties(), txnId, seen, TIMEOUT);

            // Then the takeover refuses, and the running instance's transaction is untouched
            assertThat(result).isInstanceOf(ConcurrentInstance.class);
            assertThat(result.mayProceed()).isFalse();
            assertThat(describe(target, txnId)).isEqualTo(next);
            previous.commitTransaction();
        }
        List<String> all = new ArrayList<>(values("p1", 100));
        all.addAll(values("p1-next", 10));
        assertOnlyCommittedData(target, topic, all);
    }

    @Test
    void reportsATransactionTheCoordinatorAbortedAfterItsTimeout(@Cluster("target") EmbeddedCluster target)
            throws Exception {
        // Given a previous instance paused longer than its transaction.timeout.ms
        String topic = createTopic(target, "timeout");
        String txnId = "link-timeout";
        try (KafkaProducer<String, String> previous =
                producer(target, txnId, Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 2000))) {
            previous.initTransactions();
            previous.beginTransaction();
            send(previous, topic, "p1", 10);
            previous.flush();
            TransactionDescription open = describe(target, txnId);
            awaitState(target, txnId, TransactionState.COMPLETE_ABORT, Duration.ofSeconds(25));

            // When
            TakeoverResult result = TransactionTakeover.adopt(target.adminClientProperties(), txnId, TIMEOUT);

            // Then
            assertThat(result).isInstanceOfSatisfying(AbortedBeforeTakeover.class, aborted -> {
                assertThat(aborted.producerId()).isEqualTo(open.producerId());
                assertThat(aborted.transactionTimeoutMs()).isEqualTo(2000);
                // The coordinator no longer lists the partitions once the abort is complete
                assertThat(aborted.partitions()).isEmpty();
                assertThat(aborted.warning()).contains("read_uncommitted consumers may see");
            });
            assertThat(result.mayProceed()).isTrue();
        }
    }

    // ---------------------------------------------------------------- scenario and helpers

    /**
     * The previous instance flushed 100 records in an open transaction and paused; the takeover (as {@code
     * takeoverProps}' principal) commits them, the successor fences it and writes 50; the previous instance wakes.
     */
    private static void takeOverAnOpenTransaction(
            EmbeddedCluster target, Map<String, Object> takeoverProps, String name, boolean seesTopics)
            throws Exception {
        // Given
        String topic = createTopic(target, name);
        String txnId = "link-" + name;
        KafkaProducer<String, String> previous = producer(target, txnId, Map.of());
        previous.initTransactions();
        previous.beginTransaction();
        send(previous, topic, "p1", 100);
        previous.flush();
        TransactionDescription open = describe(target, txnId);

        // When
        TakeoverResult result = TransactionTakeover.adopt(takeoverProps, txnId, TIMEOUT);
        TransactionDescription afterCommit = describe(target, txnId);
        successorWrites(target, topic, txnId);

        // Then
        assertThat(open.topicPartitions()).containsExactly(new TopicPartition(topic, 0));
        assertThat(result)
                .isEqualTo(new Committed(
                        txnId,
                        open.producerId(),
                        (short) open.producerEpoch(),
                        seesTopics ? open.topicPartitions() : Set.of()));
        // EndTxn v5 (transaction.version 2): the commit itself bumped the epoch, fencing the previous producer
        assertThat(afterCommit.state()).isEqualTo(TransactionState.COMPLETE_COMMIT);
        assertThat(afterCommit.producerEpoch()).isEqualTo(open.producerEpoch() + 1);
        assertThatThrownBy(() -> previous.send(new ProducerRecord<>(topic, 0, null, "zombie"))
                        .get(30, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(InvalidProducerEpochException.class);
        assertThatThrownBy(previous::commitTransaction).isInstanceOf(KafkaException.class);
        previous.close(Duration.ofSeconds(5));
        assertOnlyCommittedData(target, topic, expected(100, 50));
    }

    private static void successorWrites(EmbeddedCluster target, String topic, String txnId) {
        try (KafkaProducer<String, String> successor = producer(target, txnId, Map.of())) {
            successor.initTransactions();
            successor.beginTransaction();
            send(successor, topic, "p2", 50);
            successor.commitTransaction();
        }
    }

    private static List<String> expected(int previous, int successor) {
        List<String> values = new ArrayList<>(values("p1", previous));
        values.addAll(values("p2", successor));
        return values;
    }

    /** read_uncommitted sees exactly what read_committed sees: no aborted record anywhere. */
    private static void assertOnlyCommittedData(EmbeddedCluster target, String topic, List<String> expected) {
        assertThat(read(target, topic, "read_committed")).containsExactlyElementsOf(expected);
        assertThat(read(target, topic, "read_uncommitted")).containsExactlyElementsOf(expected);
    }

    private static List<String> read(EmbeddedCluster cluster, String topic, String isolation) {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition tp = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static KafkaProducer<String, String> producer(
            EmbeddedCluster cluster, String txnId, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txnId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String prefix, int n) {
        for (String v : values(prefix, n)) {
            producer.send(new ProducerRecord<>(topic, 0, null, v));
        }
    }

    private static List<String> values(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static String createTopic(EmbeddedCluster cluster, String name) throws Exception {
        String topic = "txn-" + name;
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static TransactionDescription describe(EmbeddedCluster cluster, String txnId) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeTransactions(List.of(txnId)).description(txnId).get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitState(EmbeddedCluster cluster, String txnId, TransactionState state, Duration max)
            throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (describe(cluster, txnId).state() != state) {
            assertThat(System.nanoTime()).as("%s reaches %s", txnId, state).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** ACLs reach the brokers shortly after the controller accepts them. */
    private static void awaitAclPropagation(Map<String, Object> props, String txnId) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeTransactions(List.of(txnId))
                            .description(txnId)
                            .get(30, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException)) {
                        return;
                    }
                    assertThat(System.nanoTime())
                            .as("ACL for %s applied", txnId)
                            .isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
        }
    }
}
