package dev.cutover.readiness.areas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Finding;
import dev.cutover.inventory.schemas.SchemaInventory.SubjectEntry;
import dev.cutover.inventory.schemas.SchemaInventory.VersionEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubjectCompareTest {
    private static VersionEntry v(int version, int id, String sha, boolean deleted) {
        return new VersionEntry(version, id, "AVRO", List.of(), deleted, sha + "0".repeat(64 - sha.length()));
    }

    private static SubjectEntry subject(String compatibility, VersionEntry... versions) {
        return new SubjectEntry("t-value", compatibility, null, null, false, List.of(versions));
    }

    private static List<Finding> compare(SubjectEntry source, Optional<SubjectEntry> target) {
        List<Finding> out = new ArrayList<>();
        SubjectCompare.compare("t", source, target, out);
        return out;
    }

    @Test
    void equalSubjectsUnderOtherIdsGiveNoFinding() {
        // Given the same versions and schemas, held under other ids on the target
        SubjectEntry source = subject("BACKWARD", v(1, 1, "aa", false), v(2, 2, "bb", false));
        SubjectEntry target = subject("BACKWARD", v(1, 7, "aa", false), v(2, 8, "bb", false));

        // Then nothing differs: ids are the id map's business
        assertThat(compare(source, Optional.of(target))).isEmpty();
    }

    @Test
    void eachDifferenceHasItsCode() {
        // Given a missing subject
        assertThat(compare(subject("BACKWARD", v(1, 1, "aa", false)), Optional.empty()))
                .extracting(Finding::code)
                .containsExactly("SCHEMA-003");

        // Given another schema under v2, v1 soft-deleted on the source only, an extra v3 and another compatibility
        SubjectEntry source = subject("FULL", v(1, 1, "aa", true), v(2, 2, "bb", false));
        SubjectEntry target = subject("NONE", v(1, 1, "aa", false), v(2, 2, "cc", false), v(3, 3, "dd", false));

        // Then SCHEMA-003 names v2, SCHEMA-004 the soft-delete and v3, SCHEMA-005 both levels
        List<Finding> findings = compare(source, Optional.of(target));
        assertThat(findings).extracting(Finding::code).containsExactly("SCHEMA-003", "SCHEMA-004", "SCHEMA-005");
        assertThat(findings.get(0).message())
                .contains("another schema under the same version")
                .contains("v2");
        assertThat(findings.get(1).message())
                .contains("v1 is soft-deleted on the source, live on the target")
                .contains("v3 (target id 3, live) exists only on the target");
        assertThat(findings.get(2).message()).contains("NONE on the target, FULL on the source");
    }
}
