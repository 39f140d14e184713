package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.CutoverYamlWriter;
import dev.cutover.config.ProfileSpec;
import dev.cutover.config.Workspace;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.estate.SampleEstate;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan of the sandbox's sample estate, seeded on a real source cluster, inventoried live and matched with the
 * example workloads.yaml that the sandbox ships: the risks, waves and patterns that estate must produce.
 */
@ExtendWith(ClustersExtension.class)
class SampleEstatePlanIT {
    @TempDir
    Path dir;

    @Test
    void theSampleEstatePlansAsDesigned(@Cluster("source") EmbeddedCluster source) throws Exception {
        // Given the sample estate running on the source, and a workspace with the example workloads.yaml
        try (SampleEstate estate = SampleEstate.seed(source)) {
            Map<String, String> props = new LinkedHashMap<>();
            source.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
            CutoverYamlWriter.write(
                    dir, Map.of("source", new ProfileSpec(props, Map.of(), List.of(), Duration.ofSeconds(30))));
            Sandbox.writeSampleWorkloads(dir);
            Workspace ws = Workspace.load(dir);

            // When the inventory is taken and the plan computed and written
            PlanInput input = PlanInputs.live(ws, "source", Clock.systemUTC());
            Plan plan = Planner.plan(input);
            PlanUpdate written = PlanFile.update(dir.resolve(PlanFile.FILE), plan);

            // Then payments-service (transactional, settles payments, no duplicate tolerance) is high and moves last
            assertThat(plan.risks().get("payments-service").level()).isEqualTo(RiskClass.HIGH);
            assertThat(plan.risks().get("payments-service").reasons())
                    .anyMatch(r -> r.contains("transactional (payments-service-tx)"));
            Wave last = plan.waves().get(plan.waves().size() - 1);
            assertThat(last.workloads()).containsExactly("payments-service");
            assertThat(last.patternReason()).contains("audit-archiver, billing, reconciliation");
            // and writes what the cluster shows it writes
            DependencyGraph graph = Planner.graph(input);
            assertThat(graph.node("payments-service").orElseThrow().writes()).containsExactly("audit.log", "payments");

            // billing (idempotent downstream) moves early, consumer-first, with the archiver
            assertThat(plan.risks().get("billing").level()).isEqualTo(RiskClass.MEDIUM);
            Wave billing = waveOf(plan, "billing");
            assertThat(billing.name()).isEqualTo("wave-2");
            assertThat(billing.pattern()).isEqualTo(CutoverPattern.CONSUMER_FIRST);
            assertThat(billing.workloads()).containsExactly("audit-archiver", "billing");

            // the low-risk retry consumer goes first
            assertThat(plan.waves().get(0).workloads()).containsExactly("orders-retry");
            assertThat(plan.risks().get("orders-retry").level()).isEqualTo(RiskClass.LOW);

            // the Streams app moves alone, linked, with its input kept in sync and its output's write authority
            Wave streams = waveOf(plan, "orders-analytics");
            assertThat(streams.workloads()).containsExactly("orders-analytics");
            assertThat(streams.pattern()).isEqualTo(CutoverPattern.LINKED);
            assertThat(streams.patternReason())
                    .contains("reads orders", "writes orders.counts", "Kafka Streams, state in orders-analytics-");
            assertThat(graph.node("orders-analytics").orElseThrow().stateTopics())
                    .singleElement()
                    .asString()
                    .endsWith("-changelog");

            // fulfillment (books shipments, no tolerance) is high and moves before orders-api, the writer of orders
            assertThat(plan.risks().get("fulfillment").level()).isEqualTo(RiskClass.HIGH);
            assertThat(waveOf(plan, "orders-api").order())
                    .isGreaterThan(waveOf(plan, "fulfillment").order());
            assertThat(waveOf(plan, "orders-api").pattern()).isEqualTo(CutoverPattern.ENDPOINT_SWITCH);

            // the owned-but-absent and the unowned are high
            assertThat(plan.risks().get("reconciliation").level()).isEqualTo(RiskClass.HIGH);
            assertThat(plan.risks().get("group:clickstream-analytics").level()).isEqualTo(RiskClass.HIGH);
            assertThat(plan.recommendations())
                    .extracting(Recommendation::code)
                    .contains("PLAN-001", "PLAN-002", "PLAN-004");

            // and plan.yaml holds it
            assertThat(written.changes()).singleElement().asString().startsWith("created plan.yaml");
            assertThat(PlanFile.read(dir.resolve(PlanFile.FILE))).contains(plan);
            assertThat(estate.problems()).isEmpty();
        }
    }

    private static Wave waveOf(Plan plan, String workload) {
        return plan.waves().stream()
                .filter(w -> w.workloads().contains(workload))
                .findFirst()
                .orElseThrow();
    }
}
