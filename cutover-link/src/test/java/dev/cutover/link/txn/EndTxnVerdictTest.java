package dev.cutover.link.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.txn.TakeoverResult.AbortedBeforeTakeover;
import dev.cutover.link.txn.TakeoverResult.Committed;
import dev.cutover.link.txn.TakeoverResult.ConcurrentInstance;
import dev.cutover.link.txn.TakeoverResult.NothingOpen;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How coordinator errors decide the takeover's next step, and how results read. No broker. */
class EndTxnVerdictTest {

    @Test
    void successCommits() {
        assertThat(TransactionCoordinatorClient.verdictFor(Errors.NONE)).isEqualTo(EndTxnVerdict.COMMITTED);
    }

    @ParameterizedTest
    @EnumSource(
            value = Errors.class,
            names = {"NOT_COORDINATOR", "COORDINATOR_NOT_AVAILABLE", "COORDINATOR_LOAD_IN_PROGRESS", "REQUEST_TIMED_OUT"
            })
    void coordinatorMovesOrLoadsAreRetriedAtANewlyFoundCoordinator(Errors error) {
        assertThat(TransactionCoordinatorClient.verdictFor(error)).isEqualTo(EndTxnVerdict.FIND_COORDINATOR_AGAIN);
    }

    @Test
    void aTransactionBetweenStatesIsDescribedAgainAfterABackoff() {
        assertThat(TransactionCoordinatorClient.verdictFor(Errors.CONCURRENT_TRANSACTIONS))
                .isEqualTo(EndTxnVerdict.BACK_OFF_AND_REDESCRIBE);
        assertThat(TransactionCoordinatorClient.verdictFor(Errors.INVALID_TXN_STATE))
                .isEqualTo(EndTxnVerdict.REDESCRIBE);
    }

    @ParameterizedTest
    @EnumSource(
            value = Errors.class,
            names = {"PRODUCER_FENCED", "INVALID_PRODUCER_EPOCH", "INVALID_PRODUCER_ID_MAPPING"})
    void aProducerThatMovedOnIsAConcurrentInstance(Errors error) {
        assertThat(TransactionCoordinatorClient.verdictFor(error)).isEqualTo(EndTxnVerdict.CONCURRENT_INSTANCE);
    }

    @Test
    void refusalsAndAnythingElseAreNotRetried() {
        assertThat(TransactionCoordinatorClient.verdictFor(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED))
                .isEqualTo(EndTxnVerdict.DENIED);
        assertThat(TransactionCoordinatorClient.verdictFor(Errors.UNKNOWN_SERVER_ERROR))
                .isEqualTo(EndTxnVerdict.FAILED);
        assertThat(TransactionCoordinatorClient.verdictFor(Errors.INVALID_REQUEST))
                .isEqualTo(EndTxnVerdict.FAILED);
    }

    @Test
    void onlyAConcurrentInstanceStopsTheCaller() {
        Set<TopicPartition> partitions = Set.of(new TopicPartition("t", 0));
        assertThat(new NothingOpen("x", "none").mayProceed()).isTrue();
        assertThat(new Committed("x", 1, (short) 2, partitions).mayProceed()).isTrue();
        assertThat(new AbortedBeforeTakeover("x", 1, (short) 2, partitions, 2000).mayProceed())
                .isTrue();
        assertThat(new ConcurrentInstance("x", "running").mayProceed()).isFalse();
    }

    @Test
    void theAbortWarningNamesThePartitionsInOrder() {
        // Given
        AbortedBeforeTakeover aborted = new AbortedBeforeTakeover(
                "link-1",
                7,
                (short) 3,
                Set.of(new TopicPartition("b", 0), new TopicPartition("a", 10), new TopicPartition("a", 2)),
                60_000);

        // When
        String warning = aborted.warning();

        // Then
        assertThat(warning)
                .contains("transaction.timeout.ms = 60000 ms")
                .contains("read_uncommitted consumers may see up to one transaction of aborted records")
                .endsWith("partitions a-2, a-10, b-0");
    }
}
