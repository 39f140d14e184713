package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.KafkaCluster;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClustersExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClustersExtensionIT {
    private static String firstSourceId;

    @Test
    @Order(1)
    void injectsTwoDistinctNamedClusters(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") KafkaCluster target) {
        assertThat(source.name()).isEqualTo("source");
        assertThat(target.name()).isEqualTo("target");
        assertThat(source.clusterId()).isNotEqualTo(target.clusterId());
        assertThat(source.bootstrapServers()).isNotEqualTo(target.bootstrapServers());
        firstSourceId = source.clusterId();
    }

    @Test
    @Order(2)
    void sharesAClusterWithinTheClass(@Cluster("source") EmbeddedCluster source) {
        assertThat(source.clusterId()).isEqualTo(firstSourceId);
    }
}
