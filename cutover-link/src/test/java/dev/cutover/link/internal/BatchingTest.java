package dev.cutover.link.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The splitting arithmetic: every item in exactly one batch, in order, within both limits. */
class BatchingTest {

    @Test
    void sixHundredTopicsOfTwentyPartitionsFitTheRecordBudget() {
        // Given 600 topics of 20 partitions and 2 configs each: 23 controller records a topic, 13,800 in all
        List<Integer> weights = IntStream.range(0, 600).mapToObj(i -> 23).toList();

        // When
        List<List<Integer>> batches = Batching.split(
                weights, AdminLimits.RESOURCES_PER_WRITE, AdminLimits.RECORDS_PER_WRITE, Integer::longValue);

        // Then three calls of at most 5,000 records (217 topics = 4,991 records), none over the controller's limit
        assertThat(batches).extracting(List::size).containsExactly(217, 217, 166);
        assertThat(batches).allSatisfy(b -> assertThat(sum(b)).isLessThanOrEqualTo(AdminLimits.RECORDS_PER_WRITE));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(600);
    }

    @Test
    void manySmallItemsAreCappedByCount() {
        // Given 1,201 ACL bindings of one record each
        List<Integer> items = IntStream.range(0, 1201).boxed().toList();

        // When
        List<List<Integer>> batches = Batching.split(items, 500, 5_000, i -> 1);

        // Then by count, in order
        assertThat(batches).extracting(List::size).containsExactly(500, 500, 201);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items);
    }

    @Test
    void anItemOverTheBudgetGetsABatchOfItsOwn() {
        // Given a topic of 8,000 partitions between small ones
        List<Integer> weights = List.of(100, 8_001, 100, 4_900, 1);

        // When
        List<List<Integer>> batches = Batching.split(weights, 500, 5_000, Integer::longValue);

        // Then the heavy one is alone, the others fill batches around it, and nothing is empty
        assertThat(batches).containsExactly(List.of(100), List.of(8_001), List.of(100, 4_900), List.of(1));
    }

    @Test
    void pagesAndEdges() {
        assertThat(Batching.pages(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
        assertThat(Batching.pages(List.of(), 2)).isEmpty();
        assertThat(Batching.pages(List.of(1, 2), 2)).containsExactly(List.of(1, 2));
        assertThatThrownBy(() -> Batching.split(List.of(1), 0, 10, i -> 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Batching.split(List.of(1), 1, 10, i -> -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long sum(List<Integer> batch) {
        return batch.stream().mapToLong(Integer::longValue).sum();
    }
}
