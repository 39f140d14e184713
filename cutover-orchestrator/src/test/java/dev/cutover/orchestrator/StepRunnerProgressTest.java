package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.Progress;
import dev.cutover.orchestrator.journal.Journal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each wave step shows as a task while it runs, ended whatever the step's outcome; a step done earlier shows none. */
class StepRunnerProgressTest {
    @TempDir
    Path dir;

    private final List<String> told = new ArrayList<>();

    private final Progress recording = (name, unit, total) -> {
        told.add("begin " + name + " [" + unit + "] " + total);
        return new Progress.Task() {
            @Override
            public void update(long done, OptionalLong t) {}

            @Override
            public void note(String text) {}

            @Override
            public void close() {
                told.add("end " + name);
            }
        };
    };

    @Test
    void aStepIsATaskWhileItRunsAndEndsWithItsBodyEvenWhenItFails() {
        // Given a runner of wave w1
        Journal journal = Journal.open(dir, Clock.systemUTC());
        List<String> lines = new ArrayList<>();
        StepRunner steps = new StepRunner(journal, "w1-a", "w1", lines::add, recording);

        // When a step runs, while it runs
        steps.run(Optional.of("billing"), Steps.AWAIT_EMPTY_SOURCE, resumed -> {
            assertThat(told).containsExactly("begin [w1] billing await-empty-source [] OptionalLong.empty");
            return StepRunner.Done.of("empty");
        });

        // Then it began before the body and ended after it, before the step's line
        assertThat(told)
                .containsExactly(
                        "begin [w1] billing await-empty-source [] OptionalLong.empty",
                        "end [w1] billing await-empty-source");
        assertThat(lines).singleElement().asString().startsWith("[w1] billing await-empty-source: empty (");

        // And a failing step's task ends too
        told.clear();
        assertThatThrownBy(() -> steps.run(Optional.of("billing"), Steps.OBSERVE, resumed -> {
                    throw new IllegalStateException("lag grew");
                }))
                .hasMessage("lag grew");
        assertThat(told)
                .containsExactly("begin [w1] billing observe [] OptionalLong.empty", "end [w1] billing observe");

        // And a step that ended earlier in the attempt is not shown again
        told.clear();
        steps.run(Optional.of("billing"), Steps.AWAIT_EMPTY_SOURCE, resumed -> StepRunner.Done.of("again"));
        assertThat(told).isEmpty();
    }
}
