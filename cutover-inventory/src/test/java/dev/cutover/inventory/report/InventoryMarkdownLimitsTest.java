package dev.cutover.inventory.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.inventory.files.ConfigFileScanner;
import dev.cutover.inventory.files.ConfigScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown (and so the HTML) of a large config scan is a summary; the JSON keeps every client. */
class InventoryMarkdownLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aScanOfMoreClientsThanAPageShowsTheFirstRowsAndSaysHowManyMoreTheJsonHolds() throws Exception {
        int files = InventoryMarkdown.MAX_ROWS + 700;
        for (int i = 0; i < files; i++) {
            Files.writeString(
                    dir.resolve("app" + i + ".properties"),
                    "bootstrap.servers=broker:9092\ngroup.id=group-" + i + "\n");
            Files.writeString(
                    dir.resolve("Main" + i + ".java"), "String bootstrap = \"host" + i + ".example:9092\";\n");
        }
        ConfigScanResult scan = ConfigFileScanner.scan(List.of(dir));
        assertThat(scan.clients()).hasSize(files);
        assertThat(scan.hardcodedEndpoints()).hasSize(files);

        Markdown md = new Markdown();
        InventoryMarkdown.configs(md, scan);
        String text = md.toString();

        assertThat(text.lines().filter(l -> l.contains("group-"))).hasSize(InventoryMarkdown.MAX_ROWS);
        assertThat(text.lines().filter(l -> l.contains(".example:9092"))).hasSize(InventoryMarkdown.MAX_ROWS);
        assertThat(text)
                .contains("The first 500 of 1,200 client configs; every one is in inventory.json.")
                .contains("The first 500 of 1,200 hard-coded addresses; every one is in inventory.json.");
        assertThat(ReportFiles.json(scan).split("\"groupId\" : \"group-", -1)).hasSize(files + 1);
    }
}
