package dev.cutover.readiness.areas;

import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.FeatureRange;
import java.util.Optional;

/**
 * What the target's software is, as far as the Admin API tells: the highest {@code metadata.version} level its brokers
 * support. Level 22 is Kafka 4.0 (IV0), the release that removed request versions older than Kafka 2.1's (KIP-896);
 * levels 7..21 are Kafka 3.3..3.9. A cluster that reports no {@code metadata.version} (ZooKeeper mode) is older than
 * 4.0.
 */
record TargetVersion(Optional<Integer> supportedMetadataLevel) {
    static final int KAFKA_4_0_LEVEL = 22;

    static TargetVersion of(ClusterInventory target) {
        return new TargetVersion(
                Optional.ofNullable(target.cluster().supportedFeatures().get("metadata.version"))
                        .map(FeatureRange::max));
    }

    /** Whether the target runs Kafka 4.0 or later, and so refuses the request versions KIP-896 removed. */
    boolean removedOldProtocols() {
        return supportedMetadataLevel.map(l -> l >= KAFKA_4_0_LEVEL).orElse(false);
    }

    String describe() {
        return supportedMetadataLevel
                .map(l -> l >= KAFKA_4_0_LEVEL
                        ? "Kafka 4.0 or later (metadata.version level " + l + " supported)"
                        : "Kafka 3.x (metadata.version level " + l + " supported)")
                .orElse("older than Kafka 3.3 or in ZooKeeper mode (no metadata.version feature)");
    }
}
