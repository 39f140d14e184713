package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.assertExact;
import static dev.cutover.link.engine.LinkHarness.produceMixed;
import static dev.cutover.link.engine.LinkHarness.runUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClustersExtension.class)
class LinkEngineIT {

    @Test
    void copiesEveryCommittedRecordExactlyOnceAndResumesAfterAStop(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a source topic with every awkward kind of record, and transactions with aborts
        String topic = "mixed";
        try (var admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        int committed = produceMixed(s, topic, 3, 0, 300);
        LinkSettings settings =
                LinkSettings.defaults("it").include(topic).lease(Duration.ofSeconds(6), Duration.ofSeconds(1));

        // When the link runs until it has copied them, then stops
        runUntil(s, t, settings, link -> link.copied() >= committed);
        assertExact(s, t, topic, settings.topics());

        // And more records arrive while it is stopped, and it starts again
        int more = produceMixed(s, topic, 3, 300, 200);
        runUntil(s, t, settings, link -> link.copied() >= more);

        // Then the target holds every committed record once, in order, byte for byte, and the map is exact
        assertExact(s, t, topic, settings.topics());
        LinkState.Snapshot state = LinkState.read(t, settings.topics(), TIMEOUT);
        assertThat(state.identity()).get().satisfies(id -> {
            assertThat(id.sourceClusterId()).isEqualTo(source.clusterId());
            assertThat(id.targetClusterId()).isEqualTo(target.clusterId());
        });
        assertThat(state.partitions()).hasSize(3).allSatisfy((tp, st) -> assertThat(st.state())
                .isEqualTo(PartitionState.CAUGHT_UP));
    }
}
