package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A credential pasted into a workload's notes never travels into reports, plan.yaml or the terminal. */
class WorkloadNotesTest {
    @Test
    void freeTextIsKeptRedacted() {
        Workload w = new Workload(
                "orders",
                "team-orders",
                List.of(Role.CONSUMER),
                List.of("orders"),
                DuplicateTolerance.NONE,
                Optional.of("calls billing with api.key=notes-S1 via https://u:notes-S2@billing/"),
                Optional.of("alice, password: notes-S3"),
                new WorkloadMatch(List.of("orders"), List.of(), List.of(), List.of()));

        assertThat(w.sideEffects().orElseThrow() + w.rollbackOwner().orElseThrow())
                .doesNotContain("notes-S1", "notes-S2", "notes-S3")
                .contains("calls billing with api.key=[redacted]", "alice");
    }
}
