package dev.cutover.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cutover.api.ClusterRef;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures scan time on a larger estate. Not part of the normal build: run with {@code -Dcutover.scale=true
 * -Dit.test=ClusterScannerScaleIT}. Prints the timings; asserts only that the scan is complete and not absurdly slow.
 */
@ExtendWith(ClustersExtension.class)
class ClusterScannerScaleIT {

    @Test
    void scansTwoThousandPartitionsAndTwoHundredGroups(@Cluster("source") EmbeddedCluster source) throws Exception {
        assumeTrue(Boolean.getBoolean("cutover.scale"), "set -Dcutover.scale=true to run");
        // Given
        long seedStart = System.nanoTime();
        seed(source, 100, 20, 200);
        System.out.printf("seeded 100 topics x 20 partitions, 200 groups in %d ms%n", millisSince(seedStart));
        ClusterScanner scanner = new ClusterScanner(
                new ClusterRef("source", source.bootstrapServers()),
                source.adminClientProperties(),
                ScanOptions.defaults().withoutRateSampling());

        // When
        List<Long> timings = new ArrayList<>();
        ClusterInventory inventory = null;
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            inventory = scanner.scan();
            timings.add(millisSince(start));
        }

        // Then
        System.out.println("scan timings without rate sampling (ms): " + timings);
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.topics().stream()
                        .mapToInt(ClusterInventory.Topic::partitionCount)
                        .sum())
                .isGreaterThanOrEqualTo(2_000);
        assertThat(inventory.groups()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(timings.get(timings.size() - 1)).isLessThan(30_000);
    }

    /** Creates topics and groups with committed offsets quickly, all through the Admin API. */
    static void seed(EmbeddedCluster cluster, int topics, int partitions, int groups) throws Exception {
        try (Admin admin = cluster.admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (int t = 0; t < topics; t++) {
                newTopics.add(new NewTopic("scale-" + t, partitions, (short) 1));
            }
            admin.createTopics(newTopics).all().get(120, TimeUnit.SECONDS);
            List<KafkaFuture<Void>> commits = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (int p = 0; p < partitions; p++) {
                    offsets.put(new TopicPartition("scale-" + (g % topics), p), new OffsetAndMetadata(0));
                }
                commits.add(admin.alterConsumerGroupOffsets("scale-group-" + g, offsets)
                        .all());
            }
            KafkaFuture.allOf(commits.toArray(KafkaFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
