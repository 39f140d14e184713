package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan of the sandbox's sample estate, from a hand-built inventory of what it seeds (no broker) and the real
 * example workloads.yaml. {@code SampleEstatePlanIT} checks the same against a seeded cluster.
 */
class SampleEstatePlanTest {
    private final Plan plan = Estate.sample().plan();

    @Test
    void risksFollowTheManifestAndTheCluster() {
        assertThat(plan.risks().get("payments-service").level()).isEqualTo(RiskClass.HIGH);
        assertThat(plan.risks().get("payments-service").reasons())
                .anyMatch(r -> r.contains("settles card payments"))
                .anyMatch(r -> r.contains("transactional (payments-service-tx)"));
        assertThat(plan.risks().get("fulfillment").level()).isEqualTo(RiskClass.HIGH);
        assertThat(plan.risks().get("orders-retry").level()).isEqualTo(RiskClass.LOW);
        assertThat(plan.risks().get("billing").level()).isEqualTo(RiskClass.MEDIUM);
        assertThat(plan.risks().get("orders-analytics").reasons())
                .anyMatch(r -> r.contains("orders-analytics-order-counts-store-changelog"))
                .anyMatch(r -> r.contains("no rollbackOwner"));
        assertThat(plan.risks().get("reconciliation").level()).isEqualTo(RiskClass.HIGH);
        assertThat(plan.risks().get("reconciliation").reasons().get(0)).contains("not seen");
        assertThat(plan.risks().get("group:clickstream-analytics").level()).isEqualTo(RiskClass.HIGH);
        // "none downstream; ..." names no side effect
        assertThat(plan.risks().get("orders-api").level()).isEqualTo(RiskClass.MEDIUM);
    }

    @Test
    void lowRiskAndConsumersFirstPaymentsLast() {
        assertThat(plan.waves()).extracting(Wave::name).startsWith("wave-1", "wave-2");
        assertThat(wave("orders-retry").order()).isEqualTo(1);
        Wave billing = wave("billing");
        assertThat(billing.order()).isEqualTo(2);
        assertThat(billing.pattern()).isEqualTo(CutoverPattern.CONSUMER_FIRST);
        assertThat(billing.workloads()).containsExactly("audit-archiver", "billing");
        assertThat(billing.patternReason()).contains("written on the source by payments-service");
        Wave last = plan.waves().get(plan.waves().size() - 1);
        assertThat(last.workloads()).containsExactly("payments-service");
        assertThat(last.pattern()).isEqualTo(CutoverPattern.ENDPOINT_SWITCH);
        assertThat(wave("orders-api").order()).isGreaterThan(wave("fulfillment").order());
        assertThat(wave("orders-api").order())
                .isGreaterThan(wave("orders-analytics").order());
    }

    @Test
    void theStreamsAppMovesWithItsInputAndOutputInOneLinkedWave() {
        Wave streams = wave("orders-analytics");
        assertThat(streams.workloads()).containsExactly("orders-analytics");
        assertThat(streams.pattern()).isEqualTo(CutoverPattern.LINKED);
        assertThat(streams.patternReason()).contains("reads orders", "writes orders.counts", "Kafka Streams");
        assertThat(streams.owner()).contains("team-data");
    }

    @Test
    void unownedClientsMoveInAWaveOfTheirOwn() {
        assertThat(wave("group:clickstream-analytics").workloads()).containsExactly("group:clickstream-analytics");
        assertThat(wave("group:clickstream-analytics").owner()).isEmpty();
    }

    @Test
    void recommendationsNameTheirFacts() {
        assertThat(plan.recommendations())
                .extracting(Recommendation::code)
                .containsExactly("PLAN-001", "PLAN-002", "PLAN-004");
        assertThat(rec("PLAN-001").facts())
                .anyMatch(f -> f.contains("group clickstream-analytics"))
                .anyMatch(f -> f.contains("not seen") && f.contains("reconciliation"))
                .anyMatch(f -> f.contains("no known client uses them: inventory.stock"))
                .anyMatch(f -> f.contains("no rollbackOwner: orders-analytics"));
        assertThat(rec("PLAN-002").facts())
                .contains("transactions: payments-service (high risk)")
                .anyMatch(f -> f.startsWith("Kafka Streams: orders-analytics"));
        assertThat(rec("PLAN-004").facts())
                .anyMatch(f -> f.startsWith("payments-service: duplicateTolerance none"))
                .anyMatch(f -> f.startsWith("fulfillment:"));
    }

    @Test
    void everyWorkloadIsInExactlyOneWave() {
        List<String> all =
                plan.waves().stream().flatMap(w -> w.workloads().stream()).toList();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all).containsExactlyInAnyOrderElementsOf(plan.risks().keySet());
    }

    @Test
    void sameInputSamePlan() {
        assertThat(Estate.sample().plan()).isEqualTo(plan);
    }

    private Wave wave(String workload) {
        return plan.waves().stream()
                .filter(w -> w.workloads().contains(workload))
                .findFirst()
                .orElseThrow();
    }

    private Recommendation rec(String code) {
        return plan.recommendations().stream()
                .filter(r -> r.code().equals(code))
                .findFirst()
                .orElseThrow();
    }
}
