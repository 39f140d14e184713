package dev.cutover.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicBatchesTest {

    @Test
    void tenThousandPartitionsGoInRequestsUnderTheControllersLimits() {
        // Given the bench's 10,000 partitions: 500 topics of 20
        List<NewTopic> topics = IntStream.range(0, 500)
                .mapToObj(i -> new NewTopic("gen.topic-" + i, Optional.of(20), Optional.empty()))
                .toList();

        // When
        List<List<NewTopic>> requests = TopicBatches.split(topics);

        // Then three requests of at most 5,000 records (238 topics of 21), every topic once, in order
        assertThat(requests).extracting(List::size).containsExactly(238, 238, 24);
        assertThat(requests.stream().flatMap(List::stream).toList()).isEqualTo(topics);
        assertThat(requests).allSatisfy(r -> assertThat(
                        r.stream().mapToInt(NewTopic::numPartitions).sum())
                .isLessThan(10_000));
    }

    @Test
    void manySmallTopicsAreCappedByCountAndABigOneGoesAlone() {
        List<NewTopic> small = IntStream.range(0, 1001)
                .mapToObj(i -> new NewTopic("s" + i, Optional.of(1), Optional.empty()))
                .toList();
        assertThat(TopicBatches.split(small)).extracting(List::size).containsExactly(500, 500, 1);

        NewTopic big = new NewTopic("big", Optional.of(6_000), Optional.empty());
        NewTopic tiny = new NewTopic("tiny", Optional.of(1), Optional.empty());
        assertThat(TopicBatches.split(List.of(tiny, big, tiny)))
                .containsExactly(List.of(tiny), List.of(big), List.of(tiny));
    }
}
