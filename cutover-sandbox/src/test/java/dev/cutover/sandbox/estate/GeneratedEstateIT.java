package dev.cutover.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class GeneratedEstateIT {
    private static final Logger log = LoggerFactory.getLogger(GeneratedEstateIT.class);

    @Test
    void createsTheRequestedPartitionsAndGroups() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.start("generated");
                Admin admin = cluster.admin()) {
            // When an estate of 210 partitions and 20 groups is generated
            GeneratedEstate estate = GeneratedEstate.create(cluster, 210, 20);

            // Then it reports and holds exactly that
            assertThat(estate.topics()).hasSize(11);
            assertThat(estate.partitions()).isEqualTo(210);
            assertThat(estate.groups()).hasSize(20);
            assertThat(estate.records()).isEqualTo(210L * GeneratedEstate.RECORDS_PER_PARTITION);
            var described =
                    admin.describeTopics(estate.topics()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(described.values().stream()
                            .mapToInt(d -> d.partitions().size())
                            .sum())
                    .isEqualTo(210);
            Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            assertThat(admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values())
                    .allSatisfy(info -> assertThat(info.offset()).isEqualTo(GeneratedEstate.RECORDS_PER_PARTITION));
            var groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .filter(g -> g.groupId().startsWith("gen.group-"))
                    .toList();
            assertThat(groups)
                    .extracting(ConsumerGroupListing::groupId)
                    .containsExactlyInAnyOrderElementsOf(estate.groups());
            assertThat(groups).allSatisfy(g -> assertThat(g.groupState()).contains(GroupState.EMPTY));
            for (int g = 0; g < estate.groups().size(); g++) {
                String topic = estate.topics().get(g % estate.topics().size());
                assertThat(admin.listConsumerGroupOffsets(estate.groups().get(g))
                                .partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS))
                        .hasSize(described.get(topic).partitions().size())
                        .allSatisfy((tp, offset) -> assertThat(tp.topic()).isEqualTo(topic));
            }
            assertThat(estate.took()).isLessThan(java.time.Duration.ofSeconds(60));
        }
    }

    /** The benchmark's size; run with {@code -Dcutover.bench=true}. */
    @Test
    @EnabledIfSystemProperty(named = "cutover.bench", matches = "true")
    void benchmarkSizeFinishesInAMinute() {
        try (EmbeddedCluster cluster = EmbeddedCluster.start("generated-bench")) {
            GeneratedEstate estate = GeneratedEstate.create(cluster, 2000, 200);
            log.info(
                    "generated {} partitions / {} groups in {} ms",
                    estate.partitions(),
                    estate.groups().size(),
                    estate.took().toMillis());
            assertThat(estate.topics()).hasSize(100);
            assertThat(estate.took()).isLessThan(java.time.Duration.ofSeconds(60));
        }
    }
}
