package dev.cutover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (DESIGN.md): cli → orchestrator → link/probe/readiness/inventory → config → api, with
 * offsets beside api and sandbox used only by the cli and the testkit. Checked twice: in the code (ArchUnit, package
 * imports) and in the build (each module's declared dependencies), so that neither a stray import nor an unused
 * upward dependency can creep in.
 */
class LayeringTest {
    /** Module → the cutover modules it may depend on (any scope). Add a module here when it is created. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cutover-api", Set.of()),
            Map.entry("cutover-offsets", Set.of()),
            Map.entry("cutover-config", Set.of("cutover-api")),
            Map.entry(
                    "cutover-inventory", Set.of("cutover-api", "cutover-config", "cutover-testkit", "cutover-sandbox")),
            Map.entry(
                    "cutover-link",
                    Set.of("cutover-api", "cutover-config", "cutover-offsets", "cutover-testkit", "cutover-sandbox")),
            Map.entry(
                    "cutover-readiness",
                    Set.of("cutover-api", "cutover-config", "cutover-inventory", "cutover-testkit", "cutover-sandbox")),
            Map.entry("cutover-sandbox-legacy", Set.of()),
            Map.entry("cutover-sandbox", Set.of("cutover-api", "cutover-config", "cutover-sandbox-legacy")),
            Map.entry("cutover-testkit", Set.of("cutover-api", "cutover-config", "cutover-sandbox")),
            Map.entry(
                    "cutover-bench",
                    Set.of("cutover-api", "cutover-config", "cutover-inventory", "cutover-link", "cutover-sandbox")),
            Map.entry(
                    "cutover-cli",
                    Set.of(
                            "cutover-api",
                            "cutover-config",
                            "cutover-inventory",
                            "cutover-link",
                            "cutover-readiness",
                            "cutover-sandbox",
                            "cutover-bench",
                            "cutover-testkit")));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cutover");

    @Test
    void packagesDependDownwardOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("api")
                .definedBy("dev.cutover.api..")
                .layer("config")
                .definedBy("dev.cutover.config..")
                .layer("inventory")
                .definedBy("dev.cutover.inventory..")
                // Optional: empty on this class path until the cli uses cutover-link.
                .optionalLayer("link")
                .definedBy("dev.cutover.link..")
                .optionalLayer("readiness")
                .definedBy("dev.cutover.readiness..")
                .layer("sandbox")
                .definedBy("dev.cutover.sandbox..")
                .layer("testkit")
                .definedBy("dev.cutover.testkit..")
                .layer("bench")
                .definedBy("dev.cutover.bench..")
                .layer("cli")
                .definedBy("dev.cutover.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("testkit")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("bench")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("sandbox")
                .mayOnlyBeAccessedByLayers("cli", "testkit", "bench")
                .whereLayer("inventory")
                .mayOnlyBeAccessedByLayers("readiness", "cli", "bench")
                .whereLayer("readiness")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("link")
                .mayOnlyBeAccessedByLayers("cli", "bench")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("inventory", "link", "readiness", "sandbox", "testkit", "bench", "cli")
                .check(CLASSES);
    }

    @Test
    void noModuleReachesIntoAnothersInternalPackage() {
        for (String module : List.of("config", "inventory", "readiness", "sandbox", "testkit", "bench", "cli")) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.cutover." + module + "..")
                    .should()
                    .accessClassesThat()
                    .resideInAPackage("dev.cutover." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void modulesDeclareOnlyDownwardDependencies() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> violations = new ArrayList<>();
        List<String> modules;
        try (Stream<Path> dirs = Files.list(root)) {
            modules = dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString())
                    .filter(name -> name.startsWith("cutover-"))
                    .sorted()
                    .toList();
        }
        assertThat(modules).contains("cutover-api", "cutover-cli");
        Pattern dependency = Pattern.compile("<artifactId>(cutover-[a-z-]+)</artifactId>");
        for (String module : modules) {
            assertThat(ALLOWED)
                    .as("LayeringTest.ALLOWED must list module %s", module)
                    .containsKey(module);
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            String dependencies = pom.contains("<dependencies>")
                    ? pom.substring(pom.indexOf("<dependencies>"), pom.lastIndexOf("</dependencies>"))
                    : "";
            Matcher m = dependency.matcher(dependencies);
            while (m.find()) {
                if (!ALLOWED.get(module).contains(m.group(1))) {
                    violations.add(module + " depends on " + m.group(1));
                }
            }
        }
        assertThat(violations).as("upward or sideways module dependencies").isEmpty();
    }
}
