package dev.cutover.readiness.areas;

import static dev.cutover.readiness.areas.Fixture.allow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadyWorkloadTest {
    @Test
    void aWorkloadWithEverythingInPlaceIsReadyInEveryAreaAndEachVerdictNamesEvidence() {
        Fixture f = new Fixture()
                .bothTopics("payments", 3)
                .group("billing", GroupKind.CONSUMER, "payments")
                .workload(Fixture.consumer("billing", "billing", "User:billing", List.of("payments")))
                .user("billing")
                .software("billing", "apache-kafka-java/3.9.1")
                .attestAll("billing")
                .evidence(
                        "billing",
                        Area.OFFSETS,
                        Evidence.OFFSETS_SYNC,
                        Evidence.Result.PASS,
                        Map.of("group", "billing"))
                .evidence(
                        "billing",
                        Area.TOPICS,
                        Evidence.VERIFY,
                        Evidence.Result.PASS,
                        Map.of("topic", "payments", "compared", "30", "missing", "0", "differing", "0", "extra", "0"));
        f.targetAcls.add(allow("TOPIC", "payments", "User:billing", "READ"));
        f.targetAcls.add(allow("GROUP", "billing", "User:billing", "READ"));

        WorkloadResult r = f.assess("billing");

        assertThat(r.areas()).allSatisfy(a -> {
            assertThat(a.verdict()).as(a.area() + ": " + a.findings()).isEqualTo(Verdict.READY);
            assertThat(a.evidence()).as(a.area().yamlName()).isNotEmpty();
        });
        assertThat(r.ready()).isTrue();
    }

    @Test
    void readyWithoutEvidenceIsImpossible() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AreaResult(Area.OBSERVABILITY, Verdict.READY, "o", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AreaResult.of(Area.OBSERVABILITY, "o", List.of(), List.of()).verdict())
                .isEqualTo(Verdict.NOT_READY);
    }
}
