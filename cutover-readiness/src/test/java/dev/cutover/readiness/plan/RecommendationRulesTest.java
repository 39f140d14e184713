package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.readiness.plan.Estate.W;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationRulesTest {

    @Test
    void aTidyEstateOnlyGetsTheTargetProof() {
        Plan plan = new Estate()
                .topic("t")
                .group("a", "t")
                .workload(W.named("a")
                        .topics("t")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("a"))
                .plan();
        assertThat(plan.recommendations()).extracting(Recommendation::code).containsExactly("PLAN-002");
        assertThat(plan.recommendations().get(0).facts()).containsExactly("classic group protocol: a (low risk)");
    }

    @Test
    void noManifestMeansCleanUpFirst() {
        Plan plan = new Estate().topic("t").group("g", "t").plan();
        Recommendation first = plan.recommendations().get(0);
        assertThat(first.code()).isEqualTo("PLAN-001");
        assertThat(first.facts())
                .contains("workloads.yaml names no workload: no client has an owner")
                .anyMatch(f -> f.contains("(INV-003): group g"));
    }

    @Test
    void manyPartitionsPerBrokerSuggestAnotherArchitecture() {
        Estate estate = new Estate();
        for (int i = 0; i <= RecommendationRules.REPLICAS_PER_BROKER; i++) {
            estate.topic("t" + i);
        }
        Plan plan = estate.plan();
        assertThat(plan.recommendations())
                .filteredOn(r -> r.code().equals("PLAN-003"))
                .singleElement()
                .satisfies(r -> assertThat(r.facts().get(0)).startsWith("4001 partition replicas per broker"));
    }

    @Test
    void harmfulReplayAsksForOffsetControlsFirst() {
        Plan plan = new Estate()
                .topic("orders")
                .group("ship", "orders")
                .workload(W.named("ship")
                        .topics("orders")
                        .sideEffects("books shipments")
                        .group("ship"))
                .plan();
        assertThat(plan.recommendations())
                .filteredOn(r -> r.code().equals("PLAN-004"))
                .singleElement()
                .satisfies(r -> assertThat(r.facts())
                        .containsExactly(
                                "ship: duplicateTolerance none, consumes orders; side effects: books shipments"));
    }

    @Test
    void aclsAskToCompareDeploymentBoundaries() {
        Plan plan = new Estate()
                .topic("t")
                .acl("User:a", "t", "READ")
                .acl("User:b", "t", "WRITE")
                .plan();
        assertThat(plan.recommendations())
                .filteredOn(r -> r.code().equals("PLAN-005"))
                .singleElement()
                .satisfies(r -> assertThat(r.facts()).isEqualTo(List.of("2 ACL binding(s) for 2 principal(s)")));
    }

    @Test
    void theRepresentativeIsTheLowestRiskUser() {
        Plan plan = new Estate()
                .topic("z", "compression.type", "zstd")
                .group("careful", "z")
                .group("relaxed", "z")
                .workload(W.named("careful").topics("z").group("careful"))
                .workload(W.named("relaxed")
                        .topics("z")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("relaxed"))
                .plan();
        assertThat(plan.recommendations().stream()
                        .filter(r -> r.code().equals("PLAN-002"))
                        .findFirst()
                        .orElseThrow()
                        .facts())
                .contains("zstd compression (topic config) (z): relaxed (low risk, the lowest-risk of 2)");
    }
}
