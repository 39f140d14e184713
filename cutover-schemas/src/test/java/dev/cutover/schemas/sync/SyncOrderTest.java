package dev.cutover.schemas.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.RegistrySnapshot.Subject;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.SubjectVersion;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncOrderTest {
    @Test
    void versionsFollowTheirSubjectsEarlierVersionsAndEveryVersionTheyReference() {
        // Given: a-value v1 and v2 reference b-common v2 (b sorts after a); c v2 references a-value v1
        Map<String, Subject> subjects = subjects(
                subject("a-value", v("a-value", 1, 10, ref("b-common", 2)), v("a-value", 2, 11, ref("b-common", 2))),
                subject("b-common", v("b-common", 1, 1), v("b-common", 2, 2)),
                subject("c", v("c", 1, 20), v("c", 2, 21, ref("a-value", 1))));

        // When
        List<String> order = SyncOrder.order(subjects).stream()
                .map(v -> v.subject() + " v" + v.version())
                .toList();

        // Then
        assertThat(order).containsExactly("b-common v1", "b-common v2", "a-value v1", "a-value v2", "c v1", "c v2");
    }

    @Test
    void aVersionReferencingAnEarlierVersionOfAnotherSubjectDoesNotPullItsLaterVersionsFirst() {
        Map<String, Subject> subjects = subjects(
                subject("a", v("a", 1, 10, ref("z", 1))),
                subject("z", v("z", 1, 1), v("z", 2, 2), v("z", 3, 3, ref("a", 1))));

        List<String> order = SyncOrder.order(subjects).stream()
                .map(v -> v.subject() + " v" + v.version())
                .toList();

        assertThat(order).containsExactly("z v1", "a v1", "z v2", "z v3");
    }

    @Test
    void missingAndReferencingSubjectsAreNamed() {
        Map<String, Subject> subjects = subjects(
                subject("a", v("a", 1, 10, ref("common", 1))),
                subject("b", v("b", 1, 11, ref("common", 1), ref("other", 3))));

        assertThat(SyncOrder.missingSubjects(subjects)).containsExactly("common", "other");
        assertThat(SyncOrder.referencedBy(subjects))
                .containsEntry("common", List.of("a", "b"))
                .containsEntry("other", List.of("b"));
    }

    @Test
    void aDanglingReferenceLeavesTheVersionInItsPlaceForTheTranslationToSkip() {
        Map<String, Subject> subjects = subjects(subject("a", v("a", 1, 10), v("a", 2, 11, ref("gone", 4))));

        assertThat(SyncOrder.order(subjects))
                .extracting(SubjectVersion::version)
                .containsExactly(1, 2);
    }

    static SchemaReference ref(String subject, int version) {
        return new SchemaReference("com.example." + subject, subject, version);
    }

    static SubjectVersion v(String subject, int version, int id, SchemaReference... refs) {
        return new SubjectVersion(
                subject,
                version,
                id,
                new Schema(Schema.AVRO, "\"" + subject + version + "\"", Arrays.asList(refs)),
                false);
    }

    static Subject subject(String name, SubjectVersion... versions) {
        return new Subject(name, List.of(versions), "NONE", Optional.empty(), Optional.empty());
    }

    static Map<String, Subject> subjects(Subject... subjects) {
        Map<String, Subject> out = new LinkedHashMap<>();
        for (Subject s : subjects) {
            out.put(s.name(), s);
        }
        return out;
    }
}
