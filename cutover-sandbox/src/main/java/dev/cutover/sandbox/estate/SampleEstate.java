package dev.cutover.sandbox.estate;

import dev.cutover.sandbox.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small, realistic client estate — an online shop with orders, payments, inventory, clickstream and audit — running
 * against a cluster: topics with varied configs, producers (plain, idempotent, transactional with deliberate aborts),
 * consumer groups (auto-commit, manual commit, lagging, empty, classic and KIP-848) and a Kafka Streams application.
 * {@link #clients()} describes every client exactly as started: it is the expected truth for inventory.
 *
 * <p>Under SASL_SCRAM each service authenticates as its own user with least-privilege ACLs ({@link #acls()}).
 * Clients retry transient errors; one that fails permanently stops and is listed in {@link #problems()}. All threads
 * are daemons named {@code estate-<client.id>} (plus the Kafka clients' own) and end on {@link #close()}.
 *
 * <p>Seed one estate per cluster at a time: a second one would share the first one's groups and transactional id
 * (fencing it) and, under SASL_SCRAM, replace its users' passwords.
 */
public final class SampleEstate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SampleEstate.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int ABORT_EVERY = 5;

    private final KafkaCluster cluster;
    private final List<SeededClient> clients;
    private final List<EstateProblem> problems = new CopyOnWriteArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private EstateAccess access;
    private TransactionalProducerWorker payments;
    private OrderCountsApp orderCounts;
    private Duration seedTime = Duration.ZERO;

    private SampleEstate(KafkaCluster cluster) {
        this.cluster = cluster;
        this.clients = EstatePlan.clients(cluster.security());
    }

    /**
     * Creates the estate's topics (and users and ACLs under SASL_SCRAM), starts its clients and returns once every
     * topic has records, every producer has sent a few, every group has committed offsets and Streams is RUNNING.
     *
     * @throws IllegalStateException if the estate is not ready within 90 s or a client fails permanently meanwhile
     */
    public static SampleEstate seed(KafkaCluster cluster) {
        long start = System.nanoTime();
        SampleEstate estate = new SampleEstate(cluster);
        try (Admin admin = Admin.create(cluster.adminClientProperties())) {
            int replication = replicationFactor(admin);
            createTopics(admin, replication);
            estate.access = EstateAccess.grant(cluster, admin, estate.clients);
            estate.startClients(replication);
            new EstateReadiness(admin, estate).await(READY_TIMEOUT);
            estate.commitEmptyGroup();
            estate.seedTime = Duration.ofNanos(System.nanoTime() - start);
            log.info("sample estate seeded on {} in {} ms", cluster.name(), estate.seedTime.toMillis());
            return estate;
        } catch (RuntimeException e) {
            estate.close();
            throw e;
        }
    }

    /** The topics the estate created (Streams' internal changelog topic is created by Streams, not listed here). */
    public List<EstateTopic> topics() {
        return EstatePlan.TOPICS;
    }

    /** Every client the estate started, with the settings it runs with. */
    public List<SeededClient> clients() {
        return clients;
    }

    /** The ACLs the estate created (empty unless the cluster uses SASL_SCRAM). */
    public List<AclBinding> acls() {
        return access == null ? List.of() : access.acls();
    }

    /** Clients that failed permanently and stopped, oldest first. Empty while all is well. */
    public List<EstateProblem> problems() {
        return List.copyOf(problems);
    }

    /** Work done so far per {@code client.id} of a background client (records sent or processed). */
    public Map<String, Long> progress() {
        return workers.stream()
                .collect(Collectors.toMap(Worker::clientId, Worker::progress, (a, b) -> a, LinkedHashMap::new));
    }

    public long committedTransactions() {
        return payments == null ? 0 : payments.committedTransactions();
    }

    public long abortedTransactions() {
        return payments == null ? 0 : payments.abortedTransactions();
    }

    /** The Streams application's state. */
    public KafkaStreams.State streamsState() {
        return orderCounts == null ? KafkaStreams.State.NOT_RUNNING : orderCounts.state();
    }

    /** How long {@link #seed} took. */
    public Duration seedTime() {
        return seedTime;
    }

    KafkaCluster cluster() {
        return cluster;
    }

    List<Worker> workers() {
        return workers;
    }

    private static int replicationFactor(Admin admin) {
        try {
            return Math.min(
                    3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the cluster", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void createTopics(Admin admin, int replication) {
        List<NewTopic> topics = EstatePlan.TOPICS.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) replication).configs(t.configs()))
                .toList();
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name, e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("topic " + name + " was not created within 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private void startClients(int replication) {
        Consumer<EstateProblem> report = problems::add;
        produce(EstatePlan.ORDERS_API, Duration.ofMillis(250), EstateRecords::order);
        produce(EstatePlan.CLICKSTREAM_PRODUCER, Duration.ofMillis(200), EstateRecords::click);
        produce(EstatePlan.INVENTORY_PRODUCER, Duration.ofMillis(500), EstateRecords::stock);
        SeededClient pay = client(EstatePlan.PAYMENTS_PRODUCER);
        payments = new TransactionalProducerWorker(
                pay.clientId(),
                producerProps(pay),
                Duration.ofMillis(400),
                ABORT_EVERY,
                EstateRecords::payment,
                report);
        workers.add(payments);
        consume(EstatePlan.BILLING, Duration.ZERO, Optional.empty());
        consume(
                EstatePlan.FULFILLMENT,
                Duration.ZERO,
                Optional.of(new ConsumerWorker.Forwarding(
                        EstatePlan.ORDERS_RETRY,
                        r -> r.offset() % 10 == 0,
                        producerProps(client(EstatePlan.FULFILLMENT_RETRY_PRODUCER)))));
        consume(
                EstatePlan.RETRY_CONSUMER,
                Duration.ZERO,
                Optional.of(new ConsumerWorker.Forwarding(
                        EstatePlan.ORDERS_DLT,
                        r -> r.offset() % 3 == 0,
                        producerProps(client(EstatePlan.DLT_PRODUCER)))));
        consume(EstatePlan.ANALYTICS, Duration.ofSeconds(2), Optional.empty());
        SeededClient app = client(EstatePlan.ORDER_COUNTS_APP);
        orderCounts = new OrderCountsApp(
                app.applicationId().orElseThrow(),
                app.clientId(),
                access.connection(app.name()),
                EstatePlan.ORDERS,
                EstatePlan.ORDER_COUNTS,
                replication,
                report);
        workers.forEach(Worker::start);
        orderCounts.start();
    }

    private void produce(String clientId, Duration interval, LongFunction<List<ProducerRecord<String, String>>> next) {
        SeededClient c = client(clientId);
        workers.add(new ProducerWorker(c.clientId(), producerProps(c), interval, next, problems::add));
    }

    private void consume(String clientId, Duration pause, Optional<ConsumerWorker.Forwarding> forwarding) {
        SeededClient c = client(clientId);
        workers.add(new ConsumerWorker(c.clientId(), consumerProps(c), c.consumes(), pause, forwarding, problems::add));
    }

    private Map<String, Object> producerProps(SeededClient c) {
        Map<String, Object> props = access.connection(c.name());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, c.clientId());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.putAll(c.settings());
        return props;
    }

    private Map<String, Object> consumerProps(SeededClient c) {
        Map<String, Object> props = access.connection(c.name());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, c.clientId());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, c.groupId().orElseThrow());
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, c.groupProtocol().orElse("classic"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(c.settings());
        return props;
    }

    SeededClient client(String clientId) {
        return clients.stream()
                .filter(c -> c.clientId().equals(clientId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no estate client " + clientId));
    }

    private void commitEmptyGroup() {
        SeededClient archiver = client(EstatePlan.AUDIT_ARCHIVER);
        EmptyGroupSeeder.commitOnce(archiver, consumerProps(archiver), Duration.ofSeconds(30));
    }

    /**
     * Stops the background client with this {@code client.id} the way an operator stops an application before moving
     * it: the client closes (a consumer leaves its group and commits per its settings) and this returns once its thread
     * has ended. The other clients keep running.
     *
     * @return whether it ended within the timeout
     * @throws IllegalArgumentException if the estate runs no background client with that id
     */
    public boolean stopClient(String clientId, Duration timeout) {
        List<Worker> matching =
                workers.stream().filter(w -> w.clientId().equals(clientId)).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("the estate runs no background client " + clientId + "; it runs "
                    + workers.stream().map(Worker::clientId).toList());
        }
        matching.forEach(Worker::stop);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean ended = true;
        for (Worker w : matching) {
            ended &= w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        return ended;
    }

    /** Stops every client (in parallel, a few seconds at most) and deletes Streams' state. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        workers.forEach(Worker::stop);
        if (orderCounts != null) {
            orderCounts.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Worker w : workers) {
            if (!w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                log.warn("estate client {} did not stop within 10 s", w.clientId());
            }
        }
        log.debug("sample estate on {} closed", cluster.name());
    }
}
