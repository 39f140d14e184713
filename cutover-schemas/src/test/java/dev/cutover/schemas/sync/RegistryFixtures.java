package dev.cutover.schemas.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.RegistrySnapshot;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.SubjectVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Writing estates into registries and comparing two registries after a sync: shared by the sync tests. */
final class RegistryFixtures {
    private RegistryFixtures() {}

    static RegistryClient client(String profile, String url) {
        return RegistryClient.of(SchemaRegistrySettings.of(profile, url), Duration.ofSeconds(30));
    }

    /**
     * Deletes every subject permanently, referencing subjects before the ones they reference (the testkit's
     * {@code SchemaRegistries.deleteAllSubjects} goes by name and stops at a referenced subject).
     */
    static void empty(String url) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int round = 0; round < 10; round++) {
            List<String> left = client("reset", url).subjects(true);
            if (left.isEmpty()) {
                return;
            }
            for (String subject : left) {
                String path = url + "/subjects/"
                        + java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8);
                send(http, path);
                send(http, path + "?permanent=true");
            }
        }
        throw new AssertionError(
                "subjects left in " + url + ": " + client("reset", url).subjects(true));
    }

    private static void send(java.net.http.HttpClient http, String uri) {
        try {
            http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri))
                            .DELETE()
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String record(String name, String... fields) {
        StringBuilder out = new StringBuilder(
                "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"com.example\",\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            out.append(i == 0 ? "" : ",").append(fields[i]);
        }
        return out.append("]}").toString();
    }

    static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    static String optional(String name) {
        return "{\"name\":\"" + name + "\",\"type\":\"string\",\"default\":\"\"}";
    }

    static int register(RegistryClient registry, String subject, String avro, SchemaReference... refs) {
        return registry.register(
                subject, new Schema(Schema.AVRO, avro, List.of(refs)), OptionalInt.empty(), OptionalInt.empty());
    }

    /** The target version a source version was synced to, from the report. */
    static int targetVersion(SyncReport report, String subject, int sourceVersion) {
        return report.subjects().stream()
                .filter(s -> s.subject().equals(subject))
                .flatMap(s -> s.versions().stream())
                .filter(v -> v.sourceVersion() == sourceVersion)
                .findFirst()
                .orElseThrow(() -> new AssertionError(subject + " v" + sourceVersion + " not in the report"))
                .targetVersion()
                .orElseThrow();
    }

    /**
     * Every source version of the subjects is on the target at the version the report names, with the same type and
     * text, references pointing at the target's copies of the same versions, and the same soft-deleted flag; each
     * subject's effective compatibility and the global level are equal.
     */
    static void assertTargetHoldsTheSource(
            SyncReport report, RegistrySnapshot source, RegistrySnapshot target, List<String> subjects) {
        assertThat(target.globalCompatibility()).isEqualTo(source.globalCompatibility());
        for (String name : subjects) {
            RegistrySnapshot.Subject s = source.subjects().get(name);
            RegistrySnapshot.Subject t = target.subjects().get(name);
            assertThat(t).as(name + " on the target").isNotNull();
            assertThat(t.compatibility())
                    .as(name + "'s effective compatibility")
                    .isEqualTo(s.compatibility());
            for (SubjectVersion sv : s.versions()) {
                int tv = targetVersion(report, name, sv.version());
                SubjectVersion copy = t.versions().stream()
                        .filter(v -> v.version() == tv)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + " v" + tv + " missing on the target"));
                assertThat(copy.deleted()).as(sv + " soft-deleted flag").isEqualTo(sv.deleted());
                assertThat(copy.schema().type()).isEqualTo(sv.schema().type());
                assertThat(copy.schema().text())
                        .as(sv + " text")
                        .isEqualTo(sv.schema().text());
                assertThat(copy.schema().references())
                        .as(sv + " references")
                        .isEqualTo(sv.schema().references().stream()
                                .map(r -> new SchemaReference(
                                        r.name(), r.subject(), targetVersion(report, r.subject(), r.version())))
                                .toList());
            }
        }
    }

    /**
     * Every map entry is exact: the target's schema under the target id has the source id's type and text, and its
     * references name the same subjects and resolve to schemas of the same text.
     */
    static void assertMapExact(Map<Integer, Integer> ids, RegistryClient source, RegistryClient target) {
        assertThat(ids).isNotEmpty();
        ids.forEach((s, t) -> {
            Schema src = source.schemaById(s).orElseThrow();
            Schema dst = target.schemaById(t).orElseThrow(() -> new AssertionError("target id " + t + " missing"));
            assertThat(dst.type()).as("id " + s + " → " + t + " type").isEqualTo(src.type());
            assertThat(dst.text()).as("id " + s + " → " + t + " text").isEqualTo(src.text());
            assertThat(dst.references()).hasSameSizeAs(src.references());
            for (int i = 0; i < src.references().size(); i++) {
                SchemaReference sr = src.references().get(i);
                SchemaReference tr = dst.references().get(i);
                assertThat(tr.name()).isEqualTo(sr.name());
                assertThat(tr.subject()).isEqualTo(sr.subject());
                assertThat(text(target, tr))
                        .as("id " + s + " → " + t + " reference " + sr)
                        .isEqualTo(text(source, sr));
            }
        });
    }

    private static String text(RegistryClient registry, SchemaReference ref) {
        return registry.version(ref.subject(), ref.version())
                .map(v -> v.schema().text())
                .orElseThrow(() -> new AssertionError(ref + " does not resolve"));
    }

    static Optional<SyncReport.VersionResult> result(SyncReport report, String subject, int version) {
        return report.subjects().stream()
                .filter(s -> s.subject().equals(subject))
                .flatMap(s -> s.versions().stream())
                .filter(v -> v.sourceVersion() == version)
                .findFirst();
    }
}
