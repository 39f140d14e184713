package dev.cutover.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TaskSettingsTest {
    private static final Map<String, String> PROPS = Map.of(
            "name", "cutover-link-orders",
            "source.bootstrap.servers", "src:9092",
            "target.bootstrap.servers", "tgt:9092",
            "link.max.bytes.per.second", "9000");

    private static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            out.add(new TopicPartition(topic, p));
        }
        return out;
    }

    @Test
    void partitionsAreSharedRoundRobinSoEachTopicSpreadsOverTheTasksAndEachGoesToOneTask() {
        List<TopicPartition> all = new ArrayList<>(partitions("a.orders", 4));
        all.addAll(partitions("b_events", 3));

        List<Map<String, String>> tasks = TaskSettings.share(PROPS, all, 3);

        assertThat(tasks).hasSize(3);
        List<TopicPartition> seen = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Map<String, String> task = tasks.get(i);
            assertThat(task)
                    .containsEntry(TaskSettings.INDEX, Integer.toString(i))
                    .containsEntry(TaskSettings.CONNECTOR, "cutover-link-orders")
                    .containsEntry(TaskSettings.TASK_RATE, "3000")
                    .containsEntry("source.bootstrap.servers", "src:9092");
            List<TopicPartition> share = TaskSettings.of(task).partitions();
            assertThat(share).hasSizeBetween(2, 3);
            assertThat(TaskSettings.of(task).link().maxBytesPerSecond()).hasValue(3000);
            seen.addAll(share);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        assertThat(TaskSettings.partitions(tasks.get(0).get(TaskSettings.PARTITIONS)))
                .containsExactly(
                        new TopicPartition("a.orders", 0),
                        new TopicPartition("a.orders", 3),
                        new TopicPartition("b_events", 2));
    }

    @Test
    void fewerPartitionsThanTasksMeanFewerTasksAndNoneStillMeansOneThatKeepsTheLease() {
        assertThat(TaskSettings.share(PROPS, partitions("t", 2), 8)).hasSize(2);
        List<Map<String, String>> idle = TaskSettings.share(PROPS, List.of(), 8);
        assertThat(idle).singleElement().satisfies(task -> assertThat(
                        TaskSettings.of(task).partitions())
                .isEmpty());
    }
}
