package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
    @TempDir
    Path dir;

    static Wave wave(String name, CutoverPattern pattern, String... workloads) {
        return new Wave(name, 0, pattern, "because " + name, List.of(workloads), Optional.of("team-" + name));
    }

    /** A plan with its waves numbered in list order and a risk for every workload. */
    static Plan plan(Wave... waves) {
        Map<String, Risk> risks = new LinkedHashMap<>();
        List<Wave> numbered = new java.util.ArrayList<>();
        for (int i = 0; i < waves.length; i++) {
            Wave w = waves[i];
            numbered.add(new Wave(w.name(), i + 1, w.pattern(), w.patternReason(), w.workloads(), w.owner()));
            w.workloads().forEach(n -> risks.put(n, new Risk(RiskClass.MEDIUM, List.of("reason of " + n))));
        }
        return new Plan(
                Plan.VERSION,
                numbered,
                risks,
                List.of(new Recommendation("PLAN-002", "Prove the target", List.of("transactions: \"a\": b"))));
    }

    private final Plan two = plan(
            wave("wave-1", CutoverPattern.CONSUMER_FIRST, "billing", "audit"),
            wave("wave-2", CutoverPattern.ENDPOINT_SWITCH, "payments"));

    @Test
    void writesAReadableCommentedFileThatReadsBackEqual() throws Exception {
        Path file = dir.resolve("plan.yaml");
        PlanUpdate created = PlanFile.update(file, two);
        assertThat(created.changes()).containsExactly("created plan.yaml with 2 wave(s) for 3 workload(s)");
        String text = Files.readString(file);
        assertThat(text).startsWith("# cutover plan").contains("version: 1", "  - name: wave-1", "computed:");
        assertThat(PlanFile.read(file)).contains(two);
    }

    @Test
    void oddNamesAndTextsSurviveTheRoundTrip() throws Exception {
        Plan odd =
                plan(wave("wave-1", CutoverPattern.LINKED, "group:click-stream", "principal:User:etl", "true", "123"));
        Path file = dir.resolve("plan.yaml");
        PlanFile.update(file, odd);
        assertThat(PlanFile.read(file)).contains(odd);
    }

    @Test
    void noFileNoPlan() {
        assertThat(PlanFile.read(dir.resolve("plan.yaml"))).isEmpty();
    }

    @Test
    void rerunWithoutEditsChangesNothing() throws Exception {
        Path file = dir.resolve("plan.yaml");
        PlanFile.update(file, two);
        String before = Files.readString(file);
        PlanUpdate again = PlanFile.update(file, two);
        assertThat(again.changes()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aWorkloadMovedByHandStaysWhereItWasPut() throws Exception {
        // Given a plan where a human moved audit from wave-1 to wave-2
        Path file = write(two);
        edit(file, "      - audit\n", "", "      - payments\n", "      - payments\n      - audit\n");
        // When the planner runs again with the same suggestion
        PlanUpdate update = PlanFile.update(file, two);
        // Then audit stays in wave-2, and the change says so, run after run
        assertThat(update.plan().wave("wave-2").orElseThrow().workloads()).containsExactly("payments", "audit");
        assertThat(update.changes())
                .containsExactly("audit: kept in wave-2 (moved by hand; the planner suggests wave-1)");
        assertThat(PlanFile.update(file, two)
                        .plan()
                        .wave("wave-2")
                        .orElseThrow()
                        .workloads())
                .contains("audit");
    }

    @Test
    void aPatternEditedByHandIsKept() throws Exception {
        Path file = write(two);
        edit(file, "pattern: endpoint-switch\n    owner", "pattern: dual-write\n    owner");
        PlanUpdate update = PlanFile.update(file, two);
        Wave w = update.plan().wave("wave-2").orElseThrow();
        assertThat(w.pattern()).isEqualTo(CutoverPattern.DUAL_WRITE);
        assertThat(w.patternReason()).startsWith("set by hand in plan.yaml; the planner suggests endpoint-switch");
        assertThat(update.changes())
                .containsExactly(
                        "wave-2: pattern dual-write kept (edited by hand; the planner suggests endpoint-switch)");
    }

    @Test
    void aPlannerChangeReplacesAValueNobodyEdited() throws Exception {
        Path file = write(two);
        Plan next = plan(
                wave("wave-1", CutoverPattern.CONSUMER_FIRST, "billing", "audit"),
                wave("wave-2", CutoverPattern.LINKED, "payments"));
        PlanUpdate update = PlanFile.update(file, next);
        assertThat(update.plan().wave("wave-2").orElseThrow().pattern()).isEqualTo(CutoverPattern.LINKED);
        assertThat(update.changes()).singleElement().asString().startsWith("wave-2: pattern endpoint-switch → linked");
    }

    @Test
    void ownersAndOrderEditedByHandAreKept() throws Exception {
        Path file = write(two);
        edit(file, "owner: team-wave-1", "owner: alice");
        String text = Files.readString(file);
        int w1 = text.indexOf("  - name: wave-1");
        int w2 = text.indexOf("  - name: wave-2");
        int end = text.indexOf("\n# Informational");
        String reordered = text.substring(0, w1) + text.substring(w2, end) + "\n"
                + text.substring(w1, w2).stripTrailing() + text.substring(end);
        Files.writeString(file, reordered);
        PlanUpdate update = PlanFile.update(file, two);
        assertThat(update.plan().waves()).extracting(Wave::name).containsExactly("wave-2", "wave-1");
        assertThat(update.plan().waves()).extracting(Wave::order).containsExactly(1, 2);
        assertThat(update.plan().wave("wave-1").orElseThrow().owner()).contains("alice");
        assertThat(update.changes())
                .containsExactly(
                        "wave order kept (edited by hand; the planner suggests wave-1, wave-2)",
                        "wave-1: owner alice kept (edited by hand; the planner suggests team-wave-1)");
    }

    @Test
    void newWorkloadsArePlacedAndRemovedOnesDropped() throws Exception {
        Path file = write(two);
        Plan next = plan(
                wave("wave-1", CutoverPattern.CONSUMER_FIRST, "billing", "search"),
                wave("wave-2", CutoverPattern.ENDPOINT_SWITCH, "payments"));
        PlanUpdate update = PlanFile.update(file, next);
        assertThat(update.plan().wave("wave-1").orElseThrow().workloads()).containsExactly("billing", "search");
        assertThat(update.changes())
                .containsExactly(
                        "new workload search placed in wave-1 (medium risk)",
                        "workload audit dropped from wave-1 (no longer in workloads.yaml or the inventory)");
    }

    @Test
    void aWaveKeepsItsNameWhenANewOneAppearsBeforeIt() throws Exception {
        Path file = write(two);
        Plan next = plan(
                wave("wave-1", CutoverPattern.LINKED, "cache"),
                wave("wave-2", CutoverPattern.CONSUMER_FIRST, "billing", "audit"),
                wave("wave-3", CutoverPattern.ENDPOINT_SWITCH, "payments"));
        PlanUpdate update = PlanFile.update(file, next);
        assertThat(update.plan().waves()).extracting(Wave::name).containsExactly("wave-3", "wave-1", "wave-2");
        assertThat(update.plan().wave("wave-1").orElseThrow().workloads()).containsExactly("billing", "audit");
        assertThat(update.changes())
                .contains("new workload cache placed in wave-3 (medium risk)", "new wave wave-3 (linked): cache");
    }

    @Test
    void aHandMadeWaveIsKept() throws Exception {
        Path file = write(two);
        edit(
                file,
                "      - audit\n",
                "",
                "\n# Informational",
                "  - name: wave-audit\n    pattern: consumer-first\n    workloads: [audit]\n\n# Informational");
        PlanUpdate update = PlanFile.update(file, two);
        assertThat(update.plan().waves()).extracting(Wave::name).containsExactly("wave-1", "wave-2", "wave-audit");
        Wave audit = update.plan().wave("wave-audit").orElseThrow();
        assertThat(audit.workloads()).containsExactly("audit");
        assertThat(audit.owner()).isEmpty();
        assertThat(update.changes())
                .containsExactly("audit: kept in wave-audit (moved by hand; the planner suggests wave-1)");
    }

    @Test
    void withoutAComputedSectionEveryValueIsTreatedAsHandMade() throws Exception {
        Path file = write(two);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.indexOf("\n# The planner's previous suggestion")) + "\n");
        PlanUpdate update =
                PlanFile.update(file, plan(wave("wave-1", CutoverPattern.LINKED, "billing", "audit", "payments")));
        assertThat(update.plan().waves())
                .extracting(Wave::workloads)
                .containsExactly(List.of("billing", "audit"), List.of("payments"));
        assertThat(update.changes().get(0)).contains("no computed section");
        assertThat(Files.readString(file)).contains("computed:");
    }

    private Path write(Plan plan) {
        Path file = dir.resolve("plan.yaml");
        PlanFile.update(file, plan);
        return file;
    }

    /** Replaces the first occurrence of each pair (from, to) in the waves part of the file. */
    static void edit(Path file, String... pairs) throws Exception {
        String text = Files.readString(file);
        int computed = text.indexOf("\ncomputed:");
        String head = text.substring(0, computed);
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(head).as("edit %s", Arrays.toString(pairs)).contains(pairs[i]);
            head = head.replaceFirst(
                    java.util.regex.Pattern.quote(pairs[i]), java.util.regex.Matcher.quoteReplacement(pairs[i + 1]));
        }
        Files.writeString(file, head + text.substring(computed));
    }
}
