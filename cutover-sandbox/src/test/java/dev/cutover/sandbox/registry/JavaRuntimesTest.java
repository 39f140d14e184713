package dev.cutover.sandbox.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order and the version reading, over JDK homes laid out on disk (release file + bin/java). */
class JavaRuntimesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFeatureReleaseOfEveryVersionScheme() {
        assertThat(JavaRuntimes.feature("21.0.4")).contains(21);
        assertThat(JavaRuntimes.feature("25")).contains(25);
        assertThat(JavaRuntimes.feature("25-ea")).contains(25);
        assertThat(JavaRuntimes.feature("17.0.13+11")).contains(17);
        assertThat(JavaRuntimes.feature("11.0.2")).contains(11);
        assertThat(JavaRuntimes.feature("1.8.0_402")).contains(8);
        assertThat(JavaRuntimes.feature("unknown")).isEmpty();
    }

    @Test
    void theNewestInstalledJdkWinsWhenNeitherTheRunningJvmNorJavaHomeWill() throws IOException {
        // Given a Java 17 running, no JAVA_HOME, and 17, 21 and 25 installed
        Path current = jdk("running", "17.0.13");
        Path root = dir.resolve("jvm");
        jdk("jvm/java-17", "17.0.13");
        jdk("jvm/java-21", "21.0.5");
        Path newest = jdk("jvm/temurin-25", "25.0.3");

        // When searched
        JavaRuntimes.Search s = JavaRuntimes.find(21, Map.of(), current, List.of(root));

        // Then the 25 is found, and every place looked at is named
        assertThat(s.runtime()).hasValueSatisfying(j -> {
            assertThat(j.executable()).isEqualTo(newest.resolve("bin/java"));
            assertThat(j.feature()).isEqualTo(25);
            assertThat(j.foundVia()).isEqualTo(root.toString());
        });
        assertThat(s.looked())
                .anySatisfy(l -> assertThat(l).contains("CUTOVER_REGISTRY_JAVA (not set)"))
                .anySatisfy(l -> assertThat(l).contains("the running JVM").contains("17.0.13, too old"))
                .anySatisfy(l -> assertThat(l).isEqualTo("JAVA_HOME (not set)"))
                .anySatisfy(l -> assertThat(l).contains("java-21: Java 21.0.5"));
    }

    @Test
    void theRunningJvmThenJavaHomeComeBeforeInstalledJdks() throws IOException {
        Path root = dir.resolve("jvm");
        jdk("jvm/temurin-25", "25.0.3");
        Path home21 = jdk("home21", "21.0.5");

        JavaRuntimes.Search running = JavaRuntimes.find(21, Map.of(), jdk("running", "22.0.1"), List.of(root));
        assertThat(running.runtime().orElseThrow().foundVia()).isEqualTo("the running JVM");

        JavaRuntimes.Search javaHome =
                JavaRuntimes.find(21, Map.of("JAVA_HOME", home21.toString()), jdk("old", "17"), List.of(root));
        assertThat(javaHome.runtime().orElseThrow().executable()).isEqualTo(home21.resolve("bin/java"));
    }

    @Test
    void anExplicitSettingIsTheOnlyCandidateAndATooOldOneIsReportedNotPassedOver() throws IOException {
        Path root = dir.resolve("jvm");
        jdk("jvm/temurin-25", "25.0.3");
        Path old = jdk("jdk17", "17.0.13");

        // A JDK home or its bin/java
        Path ok = jdk("jdk21", "21.0.5");
        assertThat(JavaRuntimes.find(21, Map.of(JavaRuntimes.ENV, ok.toString()), old, List.of(root))
                        .runtime())
                .hasValueSatisfying(j -> assertThat(j.feature()).isEqualTo(21));
        assertThat(JavaRuntimes.find(
                                21,
                                Map.of(JavaRuntimes.ENV, ok.resolve("bin/java").toString()),
                                old,
                                List.of())
                        .runtime())
                .isPresent();

        // Too old: nothing, and the message says why and what to do
        JavaRuntimes.Search s = JavaRuntimes.find(21, Map.of(JavaRuntimes.ENV, old.toString()), old, List.of(root));
        assertThat(s.runtime()).isEmpty();
        assertThat(s.whyNot()).contains("no Java 21 or newer found", "CUTOVER_REGISTRY_JAVA=" + old, "too old");
        assertThatThrownBy(() -> s.orElseThrow("the schema registry"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("the schema registry needs Java 21 or newer")
                .satisfies(e ->
                        assertThat(((CutoverException) e).hint().orElseThrow()).contains("CUTOVER_REGISTRY_JAVA"));
    }

    @Test
    void nothingAnywhereNamesEachPlace() throws IOException {
        Path root = dir.resolve("jvm");
        jdk("jvm/java-17", "17.0.13");
        JavaRuntimes.Search s = JavaRuntimes.find(
                21,
                Map.of("JAVA_HOME", dir.resolve("missing").toString()),
                jdk("cur", "17"),
                List.of(root, dir.resolve("absent")));
        assertThat(s.runtime()).isEmpty();
        assertThat(s.whyNot())
                .contains("JAVA_HOME=" + dir.resolve("missing") + " (no java there)")
                .contains(root + "/* (java-17: Java 17.0.13)")
                .doesNotContain("absent");
    }

    @Test
    void withoutAReleaseFileTheVersionIsAskedFromJavaItself() throws IOException {
        // A "java" that prints what a real one prints on -version
        Path home = dir.resolve("norelease");
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"23.0.1\" 2024-10-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(JavaRuntimes.inspect(home, "test")).hasValueSatisfying(j -> {
            assertThat(j.feature()).isEqualTo(23);
            assertThat(j.version()).isEqualTo("23.0.1");
        });
    }

    private Path jdk(String relative, String version) throws IOException {
        Path home = dir.resolve(relative);
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
