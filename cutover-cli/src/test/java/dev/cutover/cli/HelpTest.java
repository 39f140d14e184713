package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    @Test
    void everyCommandHasHelpThatExitsZero() {
        List<List<String>> commands = allCommands(Main.newCommandLine(), List.of());
        assertThat(commands)
                .contains(
                        List.of("demo"),
                        List.of("inventory"),
                        List.of("plan"),
                        List.of("sandbox", "up"),
                        List.of("readiness"),
                        List.of("evidence", "add"),
                        List.of("evidence", "list"));
        for (List<String> command : commands) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as("%s --help", command).isZero();
            assertThat(r.out()).as("%s --help", command).contains("Usage: cutover");
        }
    }

    @Test
    void lifecycleAndEvidenceCommandsListTheirExitCodesAndOptions() {
        for (List<String> command : List.of(
                List.of("link", "stop"),
                List.of("link", "delete"),
                List.of("link", "status"),
                List.of("evidence", "prune"),
                List.of("evidence", "list"),
                List.of("offsets", "sync"),
                List.of("offsets", "translate"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            assertThat(Cli.run(args).out()).as("%s --help", command).contains("Exit codes: 0");
        }
        assertThat(Cli.run("link", "stop", "--help").out()).contains("--timeout", "stop requested by");
        assertThat(Cli.run("link", "delete", "--help").out()).contains("--yes", "Refused while an instance runs");
        assertThat(Cli.run("link", "status", "--help").out()).contains("never ran");
        assertThat(Cli.run("evidence", "prune", "--help").out())
                .contains("--older-than", "--workload", "--superseded", "--dry-run");
        assertThat(Cli.run("offsets", "sync", "--help").out())
                .contains("ACTIVE_ON_SOURCE", "--allow-active-members", "preview");
        assertThat(Cli.run("readiness", "--help").out()).contains("readiness-wave-W");
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("demo", "sandbox", "inventory", "readiness", "evidence", "Exit codes");
    }

    @Test
    void everyCommandAndGroupListsItsExitCodes() {
        List<List<String>> commands = allCommandsAndGroups(Main.newCommandLine(), List.of());
        assertThat(commands).contains(List.of("link"), List.of("sandbox"), List.of("bench", "link"), List.of("demo"));
        for (List<String> command : commands) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as("%s --help", command).isZero();
            assertThat(r.out()).as("%s --help", command).containsPattern("(?m)^Exit codes: 0 ");
        }
    }

    @Test
    void helpForAnUnknownCommandIsAUsageErrorNotTheRootUsage() {
        for (String[] args : List.of(
                new String[] {"UNKNOWN", "--help"},
                new String[] {"link", "nosuch"},
                new String[] {"link", "nosuch", "--help"},
                new String[] {"offsets", "tranzlate", "--help"},
                new String[] {"link", "start", "--help", "extra"})) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .contains(
                            "Unmatched argument",
                            args[args.length - 1].equals("--help") ? args[args.length - 2] : args[args.length - 1]);
        }
        assertThat(Cli.run("offsets", "tranzlate", "--help").err()).contains("Did you mean", "translate");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result r = Cli.run("frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }

    private static List<List<String>> allCommandsAndGroups(CommandLine cli, List<String> prefix) {
        List<List<String>> all = new java.util.ArrayList<>();
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                return;
            }
            List<String> path = new java.util.ArrayList<>(prefix);
            path.add(name);
            all.add(path);
            all.addAll(allCommandsAndGroups(sub, path));
        });
        return all;
    }

    private static List<List<String>> allCommands(CommandLine cli, List<String> prefix) {
        List<List<String>> all = new java.util.ArrayList<>();
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                return;
            }
            List<String> path = new java.util.ArrayList<>(prefix);
            path.add(name);
            if (sub.getSubcommands().isEmpty()) {
                all.add(path);
            } else {
                all.addAll(allCommands(sub, path));
            }
        });
        return all;
    }
}
