package dev.cutover.link.txn;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.txn.TakeoverResult.AbortedBeforeTakeover;
import dev.cutover.link.txn.TakeoverResult.Committed;
import dev.cutover.link.txn.TakeoverResult.ConcurrentInstance;
import dev.cutover.link.txn.TakeoverResult.NothingOpen;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over a transactional id on the target from a previous link instance that is gone or paused, so that the
 * successor's {@code initTransactions()} never aborts data: the previous instance's open transaction is
 * <em>committed</em> first (see the package documentation for the invariants, and decision 0001 for why).
 *
 * <pre>{@code
 * TakeoverResult result = TransactionTakeover.adopt(targetProps, transactionalId, Duration.ofSeconds(30));
 * switch (result) {
 *     case ConcurrentInstance c -> stop(c.detail());          // another instance is running: do not init
 *     case AbortedBeforeTakeover a -> warn(a.warning());     // then proceed
 *     case Committed c -> info(c);                            // then proceed
 *     case NothingOpen n -> {}                                // proceed
 * }
 * producer.initTransactions();                                // at once: this fences the previous instance
 * }</pre>
 *
 * <p><b>ACLs</b> the principal of {@code targetClientProps} needs on the target (with Kafka's standard authorizer):
 *
 * <ul>
 *   <li>{@code WRITE} on {@code TRANSACTIONAL_ID} {@code <transactionalId>}: EndTxn. The authorizer treats WRITE as
 *       implying DESCRIBE, which FindCoordinator(TRANSACTION) and DescribeTransactions require, so no separate
 *       DESCRIBE binding is needed ({@link #adopt} is tested with exactly this one binding). The link's producer needs
 *       WRITE on the id anyway.
 *   <li>Nothing on {@code CLUSTER}: the admin client's metadata request lists no topics, and {@link
 *       #transactionVersion} reads the features from the ApiVersions response, which is not authorized.
 *   <li>Optionally {@code DESCRIBE} on the topics: the broker lists a transaction's partitions only for topics the
 *       principal may describe, so without it the {@code partitions} of {@link Committed} and {@link
 *       AbortedBeforeTakeover} are empty (the commit itself covers every partition either way). The link's own
 *       principal has WRITE, which implies DESCRIBE, on the topics it replicates into.
 * </ul>
 *
 * <p>Client properties are those of an ordinary client of the target (bootstrap servers, security protocol, SASL and
 * SSL settings); producer-only keys are ignored. They are never logged nor put in a message.
 */
public final class TransactionTakeover {
    private static final Logger log = LoggerFactory.getLogger(TransactionTakeover.class);
    private static final String TRANSACTION_VERSION = "transaction.version";
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    private static final int MAX_REQUEST_TIMEOUT_MS = 30_000;

    private final Map<String, Object> clientProperties;
    private final String transactionalId;
    private final Admin admin;
    private final Duration timeout;
    private final long deadlineNanos;
    private TransactionCoordinatorClient coordinator;
    private long backoffMs = FIRST_BACKOFF_MS;

    private TransactionTakeover(
            Map<String, Object> clientProperties, String transactionalId, Admin admin, Duration timeout) {
        this.clientProperties = clientProperties;
        this.transactionalId = transactionalId;
        this.admin = admin;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Finishes whatever the previous holder of {@code transactionalId} left open, without aborting anything.
     *
     * <ul>
     *   <li>no state, {@code Empty}, {@code CompleteCommit}: {@link NothingOpen};
     *   <li>{@code PrepareCommit}: waits until the coordinator completes it, then {@link NothingOpen};
     *   <li>{@code Ongoing}: commits it (raw EndTxn), retrying while the coordinator moves or loads, and returns {@link
     *       Committed}; {@link ConcurrentInstance} if the previous producer turns out to be running;
     *   <li>{@code PrepareAbort}, {@code CompleteAbort}: {@link AbortedBeforeTakeover}, always (the caller decides how
     *       to warn);
     *   <li>{@code PrepareEpochFence} (another producer is initializing the id right now): {@link ConcurrentInstance}.
     * </ul>
     *
     * @param timeout bounds the whole call, waits and retries included
     * @throws CutoverException {@link Reason#CLUSTER_UNREACHABLE} on timeout or an unexpected coordinator error,
     *     {@link Reason#AUTHORIZATION_FAILED} or {@link Reason#AUTHENTICATION_FAILED} if refused, {@link
     *     Reason#CONFIG_INVALID} for unusable client properties
     */
    public static TakeoverResult adopt(
            Map<String, Object> targetClientProps, String transactionalId, Duration timeout) {
        return run(targetClientProps, transactionalId, timeout, null);
    }

    /**
     * Like {@link #adopt}, but starts from a description the caller already took instead of describing first (tests
     * use it to let the previous instance act between the describe and the commit).
     */
    static TakeoverResult adoptObserved(
            Map<String, Object> targetClientProps,
            String transactionalId,
            TransactionDescription observed,
            Duration timeout) {
        return run(targetClientProps, transactionalId, timeout, Objects.requireNonNull(observed, "observed"));
    }

    /**
     * The target's finalized {@code transaction.version} feature level (0 if not finalized). Below 2, the coordinator
     * does not bump the epoch when a transaction ends, so a paused previous instance that wakes between {@link #adopt}
     * and the successor's {@code initTransactions()} can open one more transaction, which that call aborts: the link
     * should warn. Needs no ACL.
     */
    public static short transactionVersion(Map<String, Object> targetClientProps, Duration timeout) {
        requirePositive(timeout);
        Admin admin = TargetCalls.createAdmin(targetClientProps);
        try {
            FinalizedVersionRange level = TargetCalls.await(
                            admin.describeFeatures().featureMetadata(), timeout, "describe the target's features")
                    .finalizedFeatures()
                    .get(TRANSACTION_VERSION);
            return level == null ? 0 : level.maxVersionLevel();
        } finally {
            TargetCalls.close(admin);
        }
    }

    private static TakeoverResult run(
            Map<String, Object> props, String transactionalId, Duration timeout, TransactionDescription observed) {
        Objects.requireNonNull(props, "targetClientProps");
        if (transactionalId == null || transactionalId.isBlank()) {
            throw new IllegalArgumentException("transactionalId must not be blank");
        }
        requirePositive(timeout);
        Map<String, Object> copy = Collections.unmodifiableMap(new HashMap<>(props));
        Admin admin = TargetCalls.createAdmin(copy);
        TransactionTakeover takeover = new TransactionTakeover(copy, transactionalId, admin, timeout);
        try {
            return takeover.takeOver(observed == null ? takeover.describe() : Optional.of(observed));
        } finally {
            try {
                takeover.closeCoordinator();
            } finally {
                TargetCalls.close(admin);
            }
        }
    }

    private TakeoverResult takeOver(Optional<TransactionDescription> firstSeen) {
        Optional<TransactionDescription> seen = firstSeen;
        TransactionDescription toCommit = null;
        boolean first = true;
        while (true) {
            if (seen.isEmpty()) {
                return new NothingOpen(transactionalId, "the coordinator has no state for this transactional id");
            }
            TransactionDescription d = seen.get();
            switch (d.state()) {
                case COMPLETE_COMMIT -> {
                    return toCommit != null
                            ? committed(toCommit, "the coordinator reports it committed")
                            : new NothingOpen(transactionalId, "coordinator state CompleteCommit" + text(d));
                }
                case EMPTY -> {
                    // Empty after an Ongoing we meant to commit: someone ran InitProducerId in between.
                    return toCommit != null
                            ? concurrent("another producer initialized this transactional id during the takeover")
                            : new NothingOpen(transactionalId, "coordinator state Empty" + text(d));
                }
                case PREPARE_ABORT, COMPLETE_ABORT -> {
                    return new AbortedBeforeTakeover(
                            transactionalId,
                            d.producerId(),
                            (short) d.producerEpoch(),
                            d.topicPartitions(),
                            d.transactionTimeoutMs());
                }
                case PREPARE_COMMIT -> {
                    pause("the coordinator to complete a commit" + text(d));
                    seen = describe();
                }
                case ONGOING -> {
                    if (!first && (toCommit == null || !sameProducer(toCommit, d))) {
                        return concurrent("a new transaction was opened during the takeover" + text(d));
                    }
                    toCommit = d;
                    Optional<TakeoverResult> done = commitOnce(d);
                    if (done.isPresent()) {
                        return done.get();
                    }
                    seen = describe();
                }
                case PREPARE_EPOCH_FENCE -> {
                    return concurrent("another producer is initializing this transactional id (PrepareEpochFence)");
                }
                default ->
                    throw new CutoverException(
                            Reason.CLUSTER_UNREACHABLE,
                            "the coordinator reports an unknown state " + d.state() + " for transactional id "
                                    + transactionalId,
                            "check the target cluster's version");
            }
            first = false;
        }
    }

    /** One commit attempt (with coordinator re-discovery); empty if the state must be described again. */
    private Optional<TakeoverResult> commitOnce(TransactionDescription d) {
        while (true) {
            TransactionCoordinatorClient.Attempt attempt = coordinator()
                    .commit(transactionalId, d.producerId(), (short) d.producerEpoch(), requestTimeoutMs());
            switch (attempt.verdict()) {
                case COMMITTED -> {
                    awaitCompletion();
                    return Optional.of(committed(d, attempt.detail()));
                }
                case FIND_COORDINATOR_AGAIN -> pause("the transaction coordinator (" + attempt.detail() + ")");
                case BACK_OFF_AND_REDESCRIBE, REDESCRIBE -> {
                    pause("the transaction to settle (" + attempt.detail() + ")");
                    return Optional.empty();
                }
                case CONCURRENT_INSTANCE -> {
                    return Optional.of(concurrent("the coordinator refused to commit the transaction of " + producer(d)
                            + ": " + attempt.detail()));
                }
                case DENIED ->
                    throw new CutoverException(
                            Reason.AUTHORIZATION_FAILED,
                            "not allowed to commit the open transaction of transactional id " + transactionalId + ": "
                                    + attempt.detail(),
                            TargetCalls.WRITE_HINT);
                case FAILED ->
                    throw new CutoverException(
                            Reason.CLUSTER_UNREACHABLE,
                            "the coordinator refused to commit the open transaction of transactional id "
                                    + transactionalId + ": " + attempt.detail(),
                            "check the target's broker logs");
            }
        }
    }

    /** After a successful EndTxn the commit is decided; wait (best effort) until its markers are written. */
    private void awaitCompletion() {
        try {
            Optional<TransactionDescription> d = describe();
            while (d.isPresent() && d.get().state() == TransactionState.PREPARE_COMMIT) {
                pause("the coordinator to write the commit markers");
                d = describe();
            }
        } catch (CutoverException e) {
            // The commit is durable once EndTxn succeeded; initTransactions() waits for the markers itself.
            log.warn("transactional id {}: committed, but not seen complete: {}", transactionalId, e.getMessage());
        }
    }

    private Committed committed(TransactionDescription d, String how) {
        log.info("transactional id {}: committed the open transaction of {} ({})", transactionalId, producer(d), how);
        return new Committed(transactionalId, d.producerId(), (short) d.producerEpoch(), d.topicPartitions());
    }

    private ConcurrentInstance concurrent(String detail) {
        log.warn("transactional id {}: another instance is running: {}", transactionalId, detail);
        return new ConcurrentInstance(transactionalId, detail);
    }

    private Optional<TransactionDescription> describe() {
        KafkaFuture<TransactionDescription> future =
                admin.describeTransactions(List.of(transactionalId)).description(transactionalId);
        try {
            return Optional.of(future.get(remainingMs(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionalIdNotFoundException) {
                return Optional.empty();
            }
            throw TargetCalls.failure(e.getCause(), "describe transactional id " + transactionalId, timeout);
        } catch (TimeoutException e) {
            throw timedOut("describing transactional id " + transactionalId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.INTERNAL, "interrupted while taking over " + transactionalId, null, e);
        }
    }

    private TransactionCoordinatorClient coordinator() {
        if (coordinator == null) {
            coordinator = TransactionCoordinatorClient.open(clientProperties, requestTimeoutMs());
        }
        return coordinator;
    }

    private void closeCoordinator() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    /** Sleeps with exponential backoff, or fails if that would pass the deadline. */
    private void pause(String waitingFor) {
        long sleepMs = Math.min(backoffMs, remainingMs());
        if (sleepMs <= 0) {
            throw timedOut("waiting for " + waitingFor);
        }
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.INTERNAL, "interrupted while taking over " + transactionalId, null, e);
        }
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }

    private long remainingMs() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private int requestTimeoutMs() {
        return (int) Math.max(1, Math.min(remainingMs(), MAX_REQUEST_TIMEOUT_MS));
    }

    private CutoverException timedOut(String what) {
        return new CutoverException(
                Reason.CLUSTER_UNREACHABLE,
                "timed out after " + timeout.toMillis() + " ms " + what + " (taking over transactional id "
                        + transactionalId + ")",
                "check that the target is reachable and its transaction coordinator healthy, then retry");
    }

    private static boolean sameProducer(TransactionDescription a, TransactionDescription b) {
        return a.producerId() == b.producerId() && a.producerEpoch() == b.producerEpoch();
    }

    private static String producer(TransactionDescription d) {
        return "producer id " + d.producerId() + ", epoch " + d.producerEpoch();
    }

    private static String text(TransactionDescription d) {
        return " (" + producer(d) + ", partitions " + d.topicPartitions() + ")";
    }

    private static void requirePositive(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }
}
