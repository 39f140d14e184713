package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.Role;
import dev.cutover.readiness.plan.Estate.W;
import org.junit.jupiter.api.Test;

class RiskRulesTest {

    @Test
    void transactionalProducerWithSideEffectsAndNoToleranceIsHigh() {
        // Given a transactional producer whose duplicates settle payments twice
        Plan plan = new Estate()
                .topic("payments")
                .transaction("pay-tx", 3, "payments")
                .workload(W.named("pay")
                        .roles(Role.PRODUCER)
                        .topics("payments")
                        .sideEffects("settles card payments")
                        .transactionalId("pay-tx"))
                .plan();
        // Then it is high, for both reasons
        Risk risk = plan.risks().get("pay");
        assertThat(risk.level()).isEqualTo(RiskClass.HIGH);
        assertThat(risk.reasons())
                .anyMatch(r -> r.startsWith("duplicateTolerance none with side effects (settles card payments)"))
                .anyMatch(r -> r.startsWith("duplicateTolerance none and transactional (pay-tx)"));
    }

    @Test
    void statelessConsumerThatMayReplayIsLow() {
        Risk risk = new Estate()
                .topic("clicks")
                .group("metrics", "clicks")
                .workload(W.named("metrics")
                        .topics("clicks")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("metrics"))
                .plan()
                .risks()
                .get("metrics");
        assertThat(risk.level()).isEqualTo(RiskClass.LOW);
        assertThat(risk.reasons())
                .containsExactly("stateless consumer with duplicateTolerance replay-ok: it may"
                        + " re-read, so even a reset is acceptable");
    }

    @Test
    void streamsWithStateIsMediumAndHighWithoutTolerance() {
        Estate estate = new Estate()
                .topics("in", "out", "app-store-changelog")
                .streamsGroup("app", "in")
                .streamsGroup("strict", "in")
                .topic("strict-agg-repartition")
                .workload(W.named("app")
                        .roles(Role.STREAMS)
                        .topics("in", "out")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("app"))
                .workload(W.named("strict").roles(Role.STREAMS).topics("in").group("strict"));
        Plan plan = estate.plan();
        assertThat(plan.risks().get("app").level()).isEqualTo(RiskClass.MEDIUM);
        assertThat(plan.risks().get("app").reasons().get(0)).contains("Kafka Streams with state (app-store-changelog)");
        assertThat(plan.risks().get("strict").level()).isEqualTo(RiskClass.HIGH);
        assertThat(plan.risks().get("strict").reasons())
                .anyMatch(r -> r.contains("strict-agg-repartition") && r.contains("re-emits"));
    }

    @Test
    void unownedClientsAreHigh() {
        Risk risk = new Estate().topic("t").group("stray", "t").plan().risks().get("group:stray");
        assertThat(risk.level()).isEqualTo(RiskClass.HIGH);
        assertThat(risk.reasons().get(0)).startsWith("no workload in workloads.yaml claims it");
    }

    @Test
    void notSeenIsHighUnlessItsGroupCommitted() {
        Plan plan = new Estate()
                .topic("t")
                .emptyGroup("nightly", "t")
                .workload(W.named("ghost")
                        .topics("t")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("ghost"))
                .workload(W.named("nightly")
                        .topics("t")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("nightly"))
                .plan();
        assertThat(plan.risks().get("ghost").level()).isEqualTo(RiskClass.HIGH);
        assertThat(plan.risks().get("ghost").reasons().get(0)).startsWith("not seen on the cluster");
        assertThat(plan.risks().get("nightly").level()).isEqualTo(RiskClass.MEDIUM);
        assertThat(plan.risks().get("nightly").reasons().get(0)).contains("committed offsets");
    }

    @Test
    void idempotentDownstreamIsLowWithoutSideEffectsAndMediumWith() {
        Plan plan = new Estate()
                .topic("t")
                .group("a", "t")
                .group("b", "t")
                .workload(W.named("a")
                        .topics("t")
                        .tolerance(DuplicateTolerance.IDEMPOTENT_DOWNSTREAM)
                        .group("a"))
                .workload(W.named("b")
                        .topics("t")
                        .tolerance(DuplicateTolerance.IDEMPOTENT_DOWNSTREAM)
                        .sideEffects("upserts rows")
                        .group("b"))
                .plan();
        assertThat(plan.risks().get("a").level()).isEqualTo(RiskClass.LOW);
        assertThat(plan.risks().get("b").level()).isEqualTo(RiskClass.MEDIUM);
        assertThat(plan.risks().get("b").reasons().get(0)).contains("upserts rows", "translated");
    }

    @Test
    void sideEffectsThatSayNoneAreNone() {
        assertThat(GraphBuilder.realSideEffects("none downstream; customers see the API response"))
                .isFalse();
        assertThat(GraphBuilder.realSideEffects("N/A")).isFalse();
        assertThat(GraphBuilder.realSideEffects("-")).isFalse();
        assertThat(GraphBuilder.realSideEffects("nonetheless sends e-mails")).isTrue();
        assertThat(GraphBuilder.realSideEffects("sends e-mails")).isTrue();
    }

    @Test
    void missingRollbackOwnerRaisesToMedium() {
        Risk risk = new Estate()
                .topic("t")
                .group("a", "t")
                .workload(W.named("a")
                        .topics("t")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .noRollbackOwner()
                        .group("a"))
                .plan()
                .risks()
                .get("a");
        assertThat(risk.level()).isEqualTo(RiskClass.MEDIUM);
        assertThat(risk.reasons())
                .containsExactly("no rollbackOwner in workloads.yaml: nobody is named to decide a" + " rollback");
    }

    @Test
    void connectWorkersAreMedium() {
        Risk risk = new Estate()
                .topic("t")
                .group("connect-cluster", dev.cutover.inventory.cluster.ClusterInventory.GroupKind.CONNECT, true)
                .workload(W.named("sinks")
                        .roles(Role.CONNECT)
                        .topics("t")
                        .tolerance(DuplicateTolerance.IDEMPOTENT_DOWNSTREAM)
                        .group("connect-cluster"))
                .plan()
                .risks()
                .get("sinks");
        assertThat(risk.level()).isEqualTo(RiskClass.MEDIUM);
        assertThat(risk.reasons()).anyMatch(r -> r.startsWith("Kafka Connect"));
    }
}
