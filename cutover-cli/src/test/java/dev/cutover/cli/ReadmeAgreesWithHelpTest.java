package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's "Commands" sections and the picocli model say the same: every command has a section (a {@code ###
 * `cutover ...`} heading naming it, or a synopsis {@code `VERB SUB --...`} in a section's text), every option of the
 * command is mentioned in its section, and every flag a heading shows exists.
 */
class ReadmeAgreesWithHelpTest {
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");

    /** A {@code ### `cutover ...`} section: the commands its heading names, the heading, and its text. */
    record Section(List<List<String>> commands, String heading, String text) {}

    @Test
    void everyCommandHasAReadmeSectionThatMentionsEachOfItsOptions() throws IOException {
        List<Section> sections = sections(Files.readString(Path.of("..", "README.md")));
        List<String> problems = new ArrayList<>();
        leaves(Main.newCommandLine(), List.of()).forEach((path, cli) -> {
            List<Section> mine = sections.stream()
                    .filter(s -> s.commands().contains(path) || s.text().contains("`" + String.join(" ", path) + " "))
                    .toList();
            if (mine.isEmpty()) {
                problems.add("no README section for 'cutover " + String.join(" ", path) + "'");
                return;
            }
            String text = String.join("\n", mine.stream().map(Section::text).toList());
            for (OptionSpec option : cli.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(option.longestName()) + "(?![\\w-])")
                        .matcher(text)
                        .find()) {
                    problems.add("'cutover " + String.join(" ", path) + " " + option.longestName()
                            + "' is not in its README section");
                }
            }
        });
        for (Section s : sections) {
            Matcher m = FLAG.matcher(s.heading());
            while (m.find()) {
                String flag = m.group(1);
                boolean known = s.commands().stream()
                        .anyMatch(path -> command(path).getCommandSpec().findOption(flag) != null);
                if (!known) {
                    problems.add("README heading '" + s.heading() + "' shows " + flag + ", which none of "
                            + s.commands() + " has");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void dualWriteIsSetOnlyByHandInTheReadmeAndInHelp() throws IOException {
        // The planner never chooses dual-write (CutoverPattern.DUAL_WRITE is only read from an edited plan.yaml).
        assertThat(Files.readString(Path.of("..", "README.md"))).contains("`dual-write` only by hand");
        assertThat(Cli.run("plan", "--help").out().replaceAll("\\s+", " "))
                .contains("dual-write is never chosen by the planner, only set by hand");
    }

    /** Sections under {@code ### `cutover WORDS ...`} headings; {@code a|b} in a word names both. */
    static List<Section> sections(String readme) {
        List<Section> sections = new ArrayList<>();
        String[] lines = readme.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("### `cutover ")) {
                continue;
            }
            String heading = lines[i];
            StringBuilder text = new StringBuilder(heading).append('\n');
            for (int j = i + 1; j < lines.length && !lines[j].startsWith("## ") && !lines[j].startsWith("### "); j++) {
                text.append(lines[j]).append('\n');
            }
            List<List<String>> commands = new ArrayList<>();
            commands.add(new ArrayList<>());
            for (String word : heading.substring("### `cutover ".length()).split("[ `]")) {
                if (word.isEmpty() || word.startsWith("-") || word.startsWith("[") || word.equals("...")) {
                    break;
                }
                List<List<String>> next = new ArrayList<>();
                for (List<String> prefix : commands) {
                    for (String alternative : word.split("\\|")) {
                        List<String> path = new ArrayList<>(prefix);
                        path.add(alternative);
                        next.add(path);
                    }
                }
                commands = next;
            }
            sections.add(new Section(commands, heading, text.toString()));
        }
        return sections;
    }

    private static Map<List<String>, CommandLine> leaves(CommandLine cli, List<String> prefix) {
        Map<List<String>, CommandLine> all = new LinkedHashMap<>();
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                return;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            if (sub.getSubcommands().isEmpty()) {
                all.put(path, sub);
            } else {
                all.putAll(leaves(sub, path));
            }
        });
        return all;
    }

    private static CommandLine command(List<String> path) {
        CommandLine cli = Main.newCommandLine();
        for (String name : path) {
            cli = cli.getSubcommands().get(name);
            if (cli == null) {
                throw new AssertionError("README names 'cutover " + String.join(" ", path) + "', which does not exist");
            }
        }
        return cli;
    }
}
