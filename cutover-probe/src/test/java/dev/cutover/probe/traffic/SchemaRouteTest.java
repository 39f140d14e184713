package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.SchemaIds;
import dev.cutover.probe.traffic.SchemaPlan.CopiedBy;
import dev.cutover.probe.traffic.SchemaPlan.Location;
import dev.cutover.probe.traffic.SchemaPlan.SampledId;
import dev.cutover.probe.traffic.SchemaPlan.Side;
import dev.cutover.schemas.IdMap;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SchemaRouteTest {
    private static final Path FILE = Path.of("ws/schemas/source-to-target.json");
    private static final SampledId VALUE_3 = new SampledId("orders", Side.VALUE, 3, new Location(1, 40));
    private static final Optional<CopiedBy> REWRITE = Optional.of(new CopiedBy("fwd", SchemaIds.REWRITE));
    private static final Optional<CopiedBy> CHECK = Optional.of(new CopiedBy("fwd", SchemaIds.CHECK));

    private static Optional<IdMap> map(Map<Integer, Integer> ids) {
        return Optional.of(new IdMap("source", "target", "http://s", "http://t", Instant.EPOCH, ids));
    }

    @Test
    void noMapIsRefusedNamingTheFileAndTheSync() {
        // When
        SchemaRoute route = SchemaRoute.of(VALUE_3, Optional.empty(), FILE, REWRITE);

        // Then
        assertThat(route).isInstanceOfSatisfying(SchemaRoute.Refused.class, r -> {
            assertThat(r.details()).contains("topic orders value schema id 3").contains(FILE.toString());
            assertThat(r.fix()).contains("cutover schemas sync");
        });
    }

    @Test
    void anIdAbsentFromTheMapIsRefusedWithWhereItWasSeen() {
        SchemaRoute route = SchemaRoute.of(VALUE_3, map(Map.of(4, 4)), FILE, REWRITE);

        assertThat(route).isInstanceOfSatisfying(SchemaRoute.Refused.class, r -> {
            assertThat(r.details()).contains("id 3 (seen at partition 1 offset 40) is not in the id map");
            assertThat(r.fix()).contains("cutover schemas sync").contains("id 3");
        });
    }

    @Test
    void anEqualIdIsWrittenAsItIsWhateverTheLinkDoes() {
        for (Optional<CopiedBy> link : List.of(REWRITE, CHECK, Optional.<CopiedBy>empty())) {
            assertThat(SchemaRoute.of(VALUE_3, map(Map.of(3, 3)), FILE, link))
                    .isEqualTo(new SchemaRoute.Write(3, "the same id on both registries"));
        }
    }

    @Test
    void anotherIdIsWrittenOnlyWhenTheLinkRewrites() {
        // Given source id 3 held as id 9 on the target
        Optional<IdMap> map = map(Map.of(3, 9));

        // Then a rewriting link writes 9
        assertThat(SchemaRoute.of(VALUE_3, map, FILE, REWRITE))
                .isEqualTo(new SchemaRoute.Write(9, "id 3 → 9, rewritten by link 'fwd'"));
        // and a checking link, or none, is refused, saying to rewrite
        assertThat(SchemaRoute.of(VALUE_3, map, FILE, CHECK)).isInstanceOfSatisfying(SchemaRoute.Refused.class, r -> {
            assertThat(r.details())
                    .contains("is id 9 on the target")
                    .contains("link 'fwd' copies the topic with schemaIds: check");
            assertThat(r.fix()).startsWith("set schemaIds: rewrite on link 'fwd'");
        });
        assertThat(SchemaRoute.of(VALUE_3, map, FILE, Optional.empty()))
                .isInstanceOfSatisfying(SchemaRoute.Refused.class, r -> assertThat(r.details())
                        .contains("no link of cutover.yaml copies the topic"));
    }

    @Test
    void firstIdsKeepsAtMostFivePerSideInIdOrder() {
        TreeMap<Integer, Location> seen = new TreeMap<>();
        for (int id = 10; id > 0; id--) {
            seen.put(id, new Location(0, id));
        }

        List<SampledId> ids = SchemaPlan.firstIds("t", Side.KEY, seen);

        assertThat(ids).extracting(SampledId::id).containsExactly(1, 2, 3, 4, 5);
        assertThat(ids).allMatch(s -> s.side() == Side.KEY && s.topic().equals("t"));
    }

    @Test
    void summaryNeverPassesWithoutAPassingCheck() {
        ProbeCheck pass = ProbeCheck.pass("schema: a", ProbeArea.TOPICS, "ok");
        ProbeCheck unknown = ProbeCheck.unknown("schema: b", ProbeArea.TOPICS, "no answer", "");
        ProbeCheck notRun = ProbeCheck.skipped(SchemaPlan.CHECK, ProbeArea.TOPICS, SchemaPlan.NO_REGISTRIES);
        ProbeCheck unknownId = ProbeCheck.skipped("schema: c", ProbeArea.TOPICS, "source registry does not know it");
        ProbeCheck other = ProbeCheck.pass("idempotent producer", ProbeArea.PROTOCOL, "ok");

        assertThat(SchemaPlan.summary(List.of(other))).isEmpty();
        assertThat(SchemaPlan.summary(List.of(pass, other)))
                .hasValueSatisfying(s -> assertThat(s).startsWith("pass: 1 schema id(s)"));
        assertThat(SchemaPlan.summary(List.of(pass, unknown))).hasValue("fail: 1 of 2 check(s): b (unknown)");
        assertThat(SchemaPlan.summary(List.of(notRun))).hasValue(SchemaPlan.NO_REGISTRIES);
        assertThat(SchemaPlan.summary(List.of(unknownId)))
                .hasValueSatisfying(s -> assertThat(s).startsWith("not run"));
    }
}
