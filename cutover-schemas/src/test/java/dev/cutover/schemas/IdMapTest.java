package dev.cutover.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdMapTest {
    @TempDir
    Path workspace;

    @Test
    void savesAndLoadsTheExactMapAndTellsWhatChanged() {
        IdMap map = new IdMap(
                "source",
                "target",
                "http://a/apis/ccompat/v7",
                "http://b",
                Instant.parse("2026-12-05T06:00:00Z"),
                Map.of(1, 1, 2, 12, 3, 13));

        Path file = map.save(workspace);

        assertThat(file).isEqualTo(workspace.resolve("schemas/source-to-target.json"));
        IdMap loaded = IdMap.load(workspace, "source", "target").orElseThrow();
        assertThat(loaded).isEqualTo(map);
        assertThat(loaded.target(2)).hasValue(12);
        assertThat(loaded.target(4)).isEmpty();
        assertThat(loaded.changed()).containsExactly(Map.entry(2, 12), Map.entry(3, 13));
        assertThat(IdMap.load(workspace, "target", "source")).isEmpty();
    }
}
