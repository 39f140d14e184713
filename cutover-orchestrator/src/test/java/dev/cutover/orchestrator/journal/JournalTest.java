package dev.cutover.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.orchestrator.journal.JournalEntry.Phase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path ws;

    private Journal journal() {
        return Journal.open(ws, Clock.systemUTC());
    }

    @Test
    void entriesSurviveAReopenInOrderWithTheirFigures() {
        Journal j = journal();
        j.append("r1", "wave-1", Optional.empty(), "gate", Phase.BEGIN, "started", Map.of());
        j.append("r1", "wave-1", Optional.of("billing"), "offsets", Phase.END, "moved", Map.of("partitions", "3"));

        Journal again = journal();
        assertThat(again.entries()).hasSize(2);
        assertThat(again.entries().get(0).seq()).isEqualTo(1);
        JournalEntry second = again.entries().get(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.workload()).contains("billing");
        assertThat(second.phase()).isEqualTo(Phase.END);
        assertThat(second.figures()).containsEntry("partitions", "3");
        assertThat(second.v()).isEqualTo(JournalEntry.FORMAT);
        assertThat(again.tornTail()).isFalse();
    }

    @Test
    void aLastLineCutShortByACrashIsIgnoredAndOverwrittenByTheNextAppend() throws Exception {
        Journal j = journal();
        j.append("r1", "wave-1", Optional.empty(), "gate", Phase.END, "passed", Map.of());
        Files.writeString(Journal.fileOf(ws), "{\"v\":1,\"seq\":2,\"at\":\"20", StandardOpenOption.APPEND);

        Journal torn = journal();
        assertThat(torn.tornTail()).isTrue();
        assertThat(torn.entries()).hasSize(1);
        torn.append("r1", "wave-1", Optional.empty(), "plan", Phase.BEGIN, "started", Map.of());

        Journal healed = journal();
        assertThat(healed.tornTail()).isFalse();
        assertThat(healed.entries()).extracting(JournalEntry::step).containsExactly("gate", "plan");
        assertThat(Files.readString(Journal.fileOf(ws), StandardCharsets.UTF_8).lines())
                .hasSize(2);
    }

    @Test
    void aDamagedLineBeforeTheEndIsAUsageErrorNamingIt() throws Exception {
        Journal j = journal();
        j.append("r1", "wave-1", Optional.empty(), "gate", Phase.END, "passed", Map.of());
        Files.writeString(Journal.fileOf(ws), "not json\n", StandardOpenOption.APPEND);
        j = journal(); // the damaged line is the last: ignored as what a crash left
        assertThat(j.tornTail()).isTrue();
        assertThat(j.entries()).hasSize(1);
        Files.writeString(Journal.fileOf(ws), "{\"v\":1}\n", StandardOpenOption.APPEND);

        assertThatThrownBy(this::journal)
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(((CutoverException) e).reason()).isEqualTo(Reason.CONFIG_INVALID));
    }

    @Test
    void aJournalOfAnotherFormatVersionIsRefusedNotMisread() throws Exception {
        Files.createDirectories(Journal.fileOf(ws).getParent());
        Files.writeString(Journal.fileOf(ws), "{\"v\":2,\"seq\":1}\n{\"v\":2,\"seq\":2}\n");
        assertThatThrownBy(this::journal).hasMessageContaining("format version 2");
    }

    @Test
    void aSecretInAResultOrFigureNeverReachesTheFile() throws Exception {
        journal()
                .append(
                        "r1",
                        "wave-1",
                        Optional.empty(),
                        "stop-source",
                        Phase.FAILED,
                        "command failed: password=hunter2 rejected",
                        Map.of("stderr", "sasl.jaas.config=... password=\"hunter2\";"));
        assertThat(Files.readString(Journal.fileOf(ws))).doesNotContain("hunter2");
    }

    @Test
    @SuppressWarnings("try") // the first lock is held for the block, never used in it
    void aSecondRunOnTheSameWorkspaceIsRefusedNamingTheFirst() {
        try (WorkspaceLock first = WorkspaceLock.acquire(ws, "wave run wave-1")) {
            assertThatThrownBy(() -> WorkspaceLock.acquire(ws, "wave run wave-2"))
                    .isInstanceOf(CutoverException.class)
                    .hasMessageContaining("wave run wave-1")
                    .satisfies(e -> assertThat(((CutoverException) e).reason()).isEqualTo(Reason.USAGE));
        }
        try (WorkspaceLock again = WorkspaceLock.acquire(ws, "wave resume wave-1")) {
            assertThat(again).isNotNull();
        }
    }
}
