package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "journal",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the wave journal (WORKSPACE/journal/journal.jsonl): who did what, where, when, with",
            "which result and figures, step by step. Reads the file only: works with both clusters down.",
            "The format is documented in docs/waves.md."
        },
        footer = {"", "Exit codes: 0 printed, 2 usage error or a damaged journal (the line is named)."})
final class JournalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Option(names = "--wave", paramLabel = "WAVE", description = "Only this wave's entries.")
    String wave;

    @Mixin
    Options.MdOrJson output;

    @Override
    public Integer call() throws Exception {
        Workspace ws = workspace.load();
        Journal journal = Journal.open(ws.dir(), Clock.systemUTC());
        List<JournalEntry> entries = wave == null ? journal.entries() : journal.entries(wave);
        var out = spec.commandLine().getOut();
        if (journal.tornTail()) {
            spec.commandLine()
                    .getErr()
                    .println("note: the journal's last line was cut short by a crash and is ignored");
        }
        if (output.format == OutputFormat.JSON) {
            ArrayNode array = JSON.createArrayNode();
            for (JournalEntry e : entries) {
                array.add(JSON.readTree(Journal.json(e)));
            }
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            out.println("# Journal" + (wave == null ? "" : " of " + wave) + " (" + entries.size() + " entries)");
            out.println();
            out.println("| # | at | wave | workload | step | phase | who | result |");
            out.println("| ---: | --- | --- | --- | --- | --- | --- | --- |");
            for (JournalEntry e : entries) {
                out.println("| " + e.seq() + " | " + e.at() + " | " + e.wave() + " | " + e.subject() + " | " + e.step()
                        + " | " + e.phase().name().toLowerCase(java.util.Locale.ROOT) + " | " + e.who() + " | "
                        + e.result().replace("|", "\\|") + " |");
            }
        }
        out.flush();
        return 0;
    }
}
