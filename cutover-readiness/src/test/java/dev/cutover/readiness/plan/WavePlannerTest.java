package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.Role;
import dev.cutover.readiness.plan.Estate.W;
import org.junit.jupiter.api.Test;

class WavePlannerTest {

    @Test
    void consumersMoveBeforeTheProducersOfWhatTheyRead() {
        // Given a low-risk producer and a medium-risk consumer of its topic
        Plan plan = new Estate()
                .topic("t")
                .group("reader", "t")
                .workload(W.named("writer").roles(Role.PRODUCER).topics("t").tolerance(DuplicateTolerance.REPLAY_OK))
                .workload(W.named("reader").topics("t").group("reader"))
                .plan();
        // Then the consumer goes first (consumer-first), the producer after it (endpoint-switch)
        assertThat(plan.waves())
                .extracting(Wave::workloads)
                .containsExactly(java.util.List.of("reader"), java.util.List.of("writer"));
        assertThat(plan.waves().get(0).pattern()).isEqualTo(CutoverPattern.CONSUMER_FIRST);
        assertThat(plan.waves().get(0).patternReason()).contains("written on the source by writer");
        assertThat(plan.waves().get(1).pattern()).isEqualTo(CutoverPattern.ENDPOINT_SWITCH);
        assertThat(plan.waves().get(1).patternReason())
                .contains("every reader of t (reader) already reads on the target");
    }

    @Test
    void lowRiskFirstAmongWhatIsFreeToMove() {
        Plan plan = new Estate()
                .topics("a", "b")
                .group("risky", "a")
                .group("safe", "b")
                .workload(W.named("risky")
                        .topics("a")
                        .sideEffects("sends e-mails")
                        .group("risky"))
                .workload(W.named("safe")
                        .topics("b")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("safe"))
                .plan();
        assertThat(plan.waves()).extracting(Wave::name).containsExactly("wave-1", "wave-2");
        assertThat(plan.waves())
                .extracting(Wave::workloads)
                .containsExactly(java.util.List.of("safe"), java.util.List.of("risky"));
        assertThat(plan.waves()).extracting(Wave::order).containsExactly(1, 2);
    }

    @Test
    void writersOfOneTopicMoveTogetherLinked() {
        Plan plan = new Estate()
                .topics("in", "shared")
                .group("a", "in")
                .workload(W.named("a")
                        .roles(Role.CONSUMER, Role.PRODUCER)
                        .topics("in", "shared")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("a"))
                .workload(W.named("b").roles(Role.PRODUCER).topics("shared").tolerance(DuplicateTolerance.REPLAY_OK))
                .plan();
        Wave wave = plan.waves().get(0);
        assertThat(wave.workloads()).containsExactly("a", "b");
        assertThat(wave.pattern()).isEqualTo(CutoverPattern.LINKED);
        assertThat(wave.patternReason()).contains("a and b all write shared (a topic has one write authority");
    }

    @Test
    void aCycleOfReadersAndWritersMovesAsOne() {
        // Given a retry loop: main reads "orders" and writes "retry"; retrier reads "retry" and writes "orders"
        Plan plan = new Estate()
                .topics("orders", "retry")
                .group("main", "orders")
                .group("retrier", "retry")
                .workload(W.named("main")
                        .roles(Role.CONSUMER, Role.PRODUCER)
                        .topics("orders", "retry")
                        .group("main"))
                .workload(W.named("retrier")
                        .roles(Role.CONSUMER, Role.PRODUCER)
                        .topics("retry", "orders")
                        .group("retrier"))
                .plan();
        assertThat(plan.waves()).hasSize(1);
        assertThat(plan.waves().get(0).workloads()).containsExactly("main", "retrier");
        assertThat(plan.waves().get(0).pattern()).isEqualTo(CutoverPattern.LINKED);
        assertThat(plan.waves().get(0).patternReason()).contains("a cycle");
    }

    @Test
    void aProcessorWhoseInputStaysOnTheSourceIsLinked() {
        Plan plan = new Estate()
                .topics("in", "out")
                .group("app", "in")
                .workload(W.named("source-writer").roles(Role.PRODUCER).topics("in"))
                .workload(W.named("app")
                        .roles(Role.CONSUMER, Role.PRODUCER)
                        .topics("in", "out")
                        .tolerance(DuplicateTolerance.REPLAY_OK)
                        .group("app"))
                .plan();
        Wave app = plan.waves().get(0);
        assertThat(app.workloads()).containsExactly("app");
        assertThat(app.pattern()).isEqualTo(CutoverPattern.LINKED);
        assertThat(app.patternReason()).contains("the link keeps in in sync (written on the source by source-writer)");
    }

    @Test
    void aClientWithoutKnownTopicsOnlySwitchesItsEndpoint() {
        Plan plan = new Estate()
                .workload(W.named("admin-tool").roles(Role.ADMIN).tolerance(DuplicateTolerance.REPLAY_OK))
                .plan();
        assertThat(plan.waves().get(0).pattern()).isEqualTo(CutoverPattern.ENDPOINT_SWITCH);
    }

    @Test
    void aWaveOfOneTeamNamesItsOwner() {
        Plan plan = new Estate()
                .topics("a", "b")
                .group("x", "a")
                .group("y", "b")
                .workload(W.named("x").owner("team-x").topics("a").group("x"))
                .workload(W.named("y").owner("team-x").topics("b").group("y"))
                .plan();
        assertThat(plan.waves()).hasSize(1);
        assertThat(plan.waves().get(0).owner()).contains("team-x");
    }
}
