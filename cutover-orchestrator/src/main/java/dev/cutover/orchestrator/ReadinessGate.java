package dev.cutover.orchestrator;

import dev.cutover.config.Workspace;
import dev.cutover.readiness.ReadinessRun;
import dev.cutover.readiness.report.ReadinessReport;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The gate {@code wave run} applies: {@code cutover readiness --wave W}, judged live, must say READY. */
public final class ReadinessGate implements WaveRunner.Gate {
    private final Clock clock;

    public ReadinessGate(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Verdict judge(Workspace workspace, String wave) {
        ReadinessReport report = new ReadinessRun(clock)
                .run(new ReadinessRun.Request(workspace, Optional.of(wave), Optional.empty(), Optional.empty()));
        List<String> notReady = report.waves().stream()
                .flatMap(w -> w.workloads().stream())
                .filter(w -> !w.ready())
                .map(w -> w.workload())
                .toList();
        return new Verdict(report.ready(), notReady);
    }
}
