package dev.cutover.inventory.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedSoftwareTest {

    @Test
    void readsTheSoftwareTheSavedInventoryAttributedToTheWorkload(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("inventory.json");
        Files.writeString(
                json,
                """
                {"schemaVersion": 1, "workloads": {"workloads": [
                  {"name": "billing", "clientSoftware": ["apache-kafka-java/3.9.1", "librdkafka/2.3.0"]},
                  {"name": "orders-api", "clientSoftware": []}
                ], "unowned": []}}
                """);

        assertThat(SavedSoftware.of(json, "billing")).containsExactly("apache-kafka-java/3.9.1", "librdkafka/2.3.0");
        assertThat(SavedSoftware.of(json, "orders-api")).isEmpty();
        assertThat(SavedSoftware.of(json, "nobody")).isEmpty();
    }

    @Test
    void aMissingOrBrokenReportGivesNothing(@TempDir Path dir) throws Exception {
        assertThat(SavedSoftware.of(dir.resolve("absent.json"), "billing")).isEmpty();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"workloads\": [");
        assertThat(SavedSoftware.of(broken, "billing")).isEmpty();
    }
}
