package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry.Phase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaveStateTest {
    @TempDir
    Path ws;

    @Test
    void theStatusFollowsTheCurrentAttemptAndANewAttemptStartsFromNothing() {
        Journal j = Journal.open(ws, Clock.systemUTC());
        assertThat(WaveState.of("wave-1", j.entries()).status()).isEqualTo(WaveState.Status.NOT_STARTED);
        end(j, "a1", Optional.empty(), Steps.GATE);
        end(j, "a1", Optional.of("billing"), Steps.STOP_SOURCE);
        assertThat(WaveState.of("wave-1", j.entries()).status()).isEqualTo(WaveState.Status.IN_PROGRESS);
        j.append("a1", "wave-1", Optional.of("billing"), Steps.OBSERVE, Phase.WAITING, "stray", Map.of());
        assertThat(WaveState.of("wave-1", j.entries()).status()).isEqualTo(WaveState.Status.WAITING);
        end(j, "a1", Optional.of("billing"), Steps.ROLLBACK_STOP_TARGET);
        assertThat(WaveState.of("wave-1", j.entries()).status()).isEqualTo(WaveState.Status.ROLLING_BACK);
        end(j, "a1", Optional.empty(), Steps.ROLLED_BACK);
        assertThat(WaveState.of("wave-1", j.entries()).status()).isEqualTo(WaveState.Status.ROLLED_BACK);
        // another wave's entries do not count
        assertThat(WaveState.of("wave-2", j.entries()).status()).isEqualTo(WaveState.Status.NOT_STARTED);

        // A new attempt sees none of the first attempt's ended steps, before and after its gate
        assertThat(WaveState.ofAttempt("wave-1", "a2", j.entries()).ended("billing", Steps.STOP_SOURCE))
                .isFalse();
        end(j, "a2", Optional.empty(), Steps.GATE);
        WaveState second = WaveState.of("wave-1", j.entries());
        assertThat(second.attempt()).contains("a2");
        assertThat(second.ended("billing", Steps.STOP_SOURCE)).isFalse();
        assertThat(second.ended("-", Steps.GATE)).isTrue();
        end(j, "a2", Optional.empty(), Steps.CONFIRM_WAVE);
        assertThat(WaveState.of("wave-1", j.entries()).status()).isEqualTo(WaveState.Status.CONFIRMED);
    }

    private static void end(Journal j, String attempt, Optional<String> workload, String step) {
        j.append(attempt, "wave-1", workload, step, Phase.BEGIN, "started", Map.of());
        j.append(attempt, "wave-1", workload, step, Phase.END, "done", Map.of());
    }
}
