package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code link start|status} with a links: section: errors that need no cluster (they come before any connection). */
class LinkSettingsFileTest {
    private static final String CLUSTERS =
            """
            version: 1
            clusters:
              source:
                properties: {bootstrap.servers: localhost:1}
              target:
                properties: {bootstrap.servers: localhost:1}
            """;

    @TempDir
    Path dir;

    private Path workspace(String links) throws Exception {
        Files.writeString(dir.resolve("cutover.yaml"), CLUSTERS + links);
        return dir;
    }

    @Test
    void aBadLinksSectionIsAConfigErrorWithLineAndColumn() throws Exception {
        Path ws = workspace("links:\n  default:\n    from: tomorrow\n");

        Cli.Result r = Cli.run("link", "start", "--workspace", ws.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err())
                .contains(ws.resolve("cutover.yaml") + ":9:11: links.default.from: 'tomorrow' is not a start position")
                .contains("earliest, latest");
    }

    @Test
    void aNameTheFileDoesNotHaveIsRefusedWithASuggestion() throws Exception {
        Path ws = workspace("links:\n  orders: {}\n  payments: {}\n");

        Cli.Result start = Cli.run("link", "start", "--workspace", ws.toString(), "--name", "order", "--dry-run");
        Cli.Result status = Cli.run("link", "status", "--workspace", ws.toString());

        assertThat(start.exitCode()).as(start.all()).isEqualTo(2);
        assertThat(start.err()).contains("no link 'order'").contains("did you mean 'orders'?");
        assertThat(status.exitCode()).as(status.all()).isEqualTo(2);
        assertThat(status.err()).contains("several links (orders, payments)").contains("--name");
    }

    @Test
    void badFlagsAreUsageErrors() throws Exception {
        Path ws = workspace("");

        Cli.Result from = Cli.run("link", "start", "--workspace", ws.toString(), "--from", "soon");
        Cli.Result regex = Cli.run("link", "start", "--workspace", ws.toString(), "--topics", "orders[");
        Cli.Result refresh = Cli.run("link", "start", "--workspace", ws.toString(), "--metadata-refresh", "often");

        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(from.err()).contains("--from takes earliest, latest");
        assertThat(regex.exitCode()).isEqualTo(2);
        assertThat(regex.err()).contains("--topics takes a regex");
        assertThat(refresh.exitCode()).isEqualTo(2);
        assertThat(refresh.err()).contains("--metadata-refresh takes a duration");
    }

    @Test
    void helpSaysSettingsMayLiveInTheFileAndFlagsOverrideThem() {
        Cli.Result r = Cli.run("link", "start", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("cutover.yaml under links.<name>")
                .contains("overrides")
                .contains("--metadata-refresh")
                .contains("follows the source");
    }
}
