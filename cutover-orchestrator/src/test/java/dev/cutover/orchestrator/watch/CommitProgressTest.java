package dev.cutover.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.orchestrator.watch.CommitProgress.Verdict;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitProgressTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @Test
    void aCommitMovedForwardOnOnePartitionIsProgressEvenWithLagLeft() {
        CommitProgress p = CommitProgress.judge(Map.of(P0, 10L, P1, 5L), Map.of(P0, 12L, P1, 5L), lag(30, 0), 800);
        assertThat(p.verdict()).isEqualTo(Verdict.ADVANCED);
        assertThat(p.advanced()).containsExactly("orders-0: 10 -> 12");
        assertThat(p.text()).isEqualTo("group 'g' commits on the target: orders-0: 10 -> 12");
    }

    @Test
    void aFirstCommitOnAPartitionIsProgress() {
        CommitProgress p = CommitProgress.judge(Map.of(P0, 10L), Map.of(P0, 10L, P1, 0L), lag(0, 0), 800);
        assertThat(p.verdict()).isEqualTo(Verdict.ADVANCED);
        assertThat(p.advanced()).containsExactly("orders-1: none -> 0");
    }

    @Test
    void noCommitAndNothingToReadIsCaughtUpButAnUnknownEndIsNot() {
        assertThat(CommitProgress.judge(Map.of(P0, 10L), Map.of(P0, 10L), lag(0, 0), 800)
                        .verdict())
                .isEqualTo(Verdict.CAUGHT_UP);
        assertThat(CommitProgress.judge(Map.of(P0, 10L), Map.of(P0, 10L), lag(0, 1), 800)
                        .verdict())
                .isEqualTo(Verdict.STALLED);
    }

    @Test
    void aResetBackwardsIsNotProgress() {
        CommitProgress p = CommitProgress.judge(Map.of(P0, 10L), Map.of(P0, 4L), lag(6, 0), 800);
        assertThat(p.verdict()).isEqualTo(Verdict.STALLED);
        assertThat(p.movedBack()).containsExactly("orders-0: 10 -> 4");
        assertThat(p.verdict().healthy()).isFalse();
    }

    @Test
    void noCommittedOffsetAtAllIsNoCommits() {
        assertThat(CommitProgress.judge(Map.of(), Map.of(), lag(0, 0), 800).verdict())
                .isEqualTo(Verdict.NO_COMMITS);
    }

    private static GroupLag lag(long total, int unknown) {
        return new GroupLag(
                "g",
                "target",
                "READ_UNCOMMITTED",
                List.of(new GroupLag.PartitionLag("orders", 0, 0, total, total)),
                unknown == 0 ? List.of() : List.of("orders-1: no leader"));
    }
}
