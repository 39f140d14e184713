package dev.cutover.inventory.stateful;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulTopicsTest {
    @Test
    void streamsInternalTopicsAreTheApplicationsChangelogsRepartitionAndSubscriptionTopics() {
        List<String> topics = List.of(
                "orders",
                "counts-app-store-changelog",
                "counts-app-KSTREAM-AGGREGATE-0000000003-repartition",
                "counts-app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
                "counts-app-output-topic",
                "counts-application-store-changelog",
                "other-store-changelog");
        assertThat(StatefulTopics.streamsInternal("counts-app", topics))
                .containsExactly(
                        "counts-app-KSTREAM-AGGREGATE-0000000003-repartition",
                        "counts-app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
                        "counts-app-store-changelog");
        assertThat(StatefulTopics.store("counts-app", "counts-app-store-changelog"))
                .contains("store");
        assertThat(StatefulTopics.store("counts-app", "orders")).isEmpty();
        assertThat(StatefulTopics.repartition("counts-app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic"))
                .isTrue();
        assertThat(StatefulTopics.repartition("counts-app-output-topic")).isFalse();
    }

    @Test
    void connectInternalTopicsAreNamedAfterTheGroupElseKafkasDefaults() {
        assertThat(StatefulTopics.connectInternal(
                        "connect-cluster",
                        List.of(
                                "connect-cluster-configs",
                                "connect-cluster-offsets",
                                "connect-cluster-status",
                                "connect-configs")))
                .containsExactly("connect-cluster-configs", "connect-cluster-offsets", "connect-cluster-status");
        assertThat(StatefulTopics.connectInternal(
                        "my-connect", List.of("connect-configs", "connect-offsets", "connect-status", "orders")))
                .containsExactly("connect-configs", "connect-offsets", "connect-status");
        assertThat(StatefulTopics.connectInternal("my-connect", List.of("orders")))
                .isEmpty();
    }
}
