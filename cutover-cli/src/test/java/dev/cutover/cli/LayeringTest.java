package dev.cutover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (DESIGN.md): cli → orchestrator → link/probe/readiness/inventory → config → api, with
 * offsets beside api and sandbox used only by the cli and the testkit. Checked twice: in the code (ArchUnit, package
 * imports) and in the build (each module's declared dependencies), so that neither a stray import nor an unused
 * upward dependency can creep in. Also: cutover-offsets needs only kafka-clients and slf4j (applications embed it), no
 * module reaches into another's {@code internal} package, and only the cli uses picocli. Each ArchUnit rule is also run
 * on fixture classes that break it ({@code layeringfixture}, test sources), so that a rule that checks nothing fails.
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
                    "cutover-connect",
                    Set.of(
                            "cutover-api",
                            "cutover-config",
                            "cutover-offsets",
                            "cutover-link",
                            "cutover-testkit",
                            "cutover-sandbox")),
            Map.entry(
                    "cutover-readiness",
                    Set.of("cutover-api", "cutover-config", "cutover-inventory", "cutover-testkit", "cutover-sandbox")),
            Map.entry(
                    "cutover-doctor",
                    Set.of("cutover-api", "cutover-config", "cutover-link", "cutover-testkit", "cutover-sandbox")),
            Map.entry(
                    "cutover-probe",
                    Set.of(
                            "cutover-api",
                            "cutover-config",
                            "cutover-offsets",
                            "cutover-link",
                            "cutover-testkit",
                            "cutover-sandbox")),
            Map.entry(
                    "cutover-orchestrator",
                    Set.of(
                            "cutover-api",
                            "cutover-config",
                            "cutover-offsets",
                            "cutover-link",
                            "cutover-probe",
                            "cutover-readiness",
                            "cutover-testkit",
                            "cutover-sandbox")),
            Map.entry("cutover-sandbox-legacy", Set.of()),
            Map.entry("cutover-sandbox", Set.of("cutover-api", "cutover-config", "cutover-sandbox-legacy")),
            Map.entry("cutover-testkit", Set.of("cutover-api", "cutover-config", "cutover-sandbox")),
            Map.entry(
                    "cutover-bench",
                    Set.of(
                            "cutover-api",
                            "cutover-config",
                            "cutover-inventory",
                            "cutover-link",
                            "cutover-connect",
                            "cutover-probe",
                            "cutover-sandbox")),
            Map.entry(
                    "cutover-server",
                    Set.of(
                            "cutover-api",
                            "cutover-config",
                            "cutover-offsets",
                            "cutover-inventory",
                            "cutover-link",
                            "cutover-probe",
                            "cutover-readiness",
                            "cutover-orchestrator",
                            "cutover-testkit",
                            "cutover-sandbox")),
            Map.entry(
                    "cutover-cli",
                    Set.of(
                            "cutover-server",
                            "cutover-api",
                            "cutover-config",
                            "cutover-inventory",
                            "cutover-link",
                            "cutover-doctor",
                            "cutover-probe",
                            "cutover-readiness",
                            "cutover-orchestrator",
                            "cutover-sandbox",
                            "cutover-bench",
                            "cutover-connect",
                            "cutover-testkit")));

    /** What cutover-offsets may declare beyond test scope: it is embedded in applications (like mirror-client). */
    private static final Set<String> OFFSETS_MAY_DECLARE = Set.of("kafka-clients", "slf4j-api");

    private static final String ROOT = "dev.cutover";
    private static final String FIXTURE_ROOT = "layeringfixture";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Test-source classes that break each rule once (package {@value #FIXTURE_ROOT}). */
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE_ROOT);

    @Test
    void packagesDependDownwardOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("api")
                .definedBy("dev.cutover.api..")
                .layer("offsets")
                .definedBy("dev.cutover.offsets..")
                .layer("config")
                .definedBy("dev.cutover.config..")
                .layer("schemas")
                .definedBy("dev.cutover.schemas..")
                .layer("inventory")
                .definedBy("dev.cutover.inventory..")
                .layer("link")
                .definedBy("dev.cutover.link..")
                .layer("connect")
                .definedBy("dev.cutover.connect..")
                .layer("readiness")
                .definedBy("dev.cutover.readiness..")
                .layer("doctor")
                .definedBy("dev.cutover.doctor..")
                .layer("probe")
                .definedBy("dev.cutover.probe..")
                .layer("orchestrator")
                .definedBy("dev.cutover.orchestrator..")
                .layer("sandbox")
                .definedBy("dev.cutover.sandbox..")
                .layer("testkit")
                .definedBy("dev.cutover.testkit..")
                .layer("bench")
                .definedBy("dev.cutover.bench..")
                .layer("server")
                .definedBy("dev.cutover.server..")
                .layer("cli")
                .definedBy("dev.cutover.cli..")
                .whereLayer("api")
                .mayNotAccessAnyLayer()
                .whereLayer("offsets")
                .mayNotAccessAnyLayer()
                .whereLayer("schemas")
                .mayOnlyAccessLayers("api", "config")
                .whereLayer("link")
                .mayOnlyAccessLayers("api", "config", "offsets", "schemas")
                .whereLayer("connect")
                .mayOnlyAccessLayers("api", "config", "offsets", "schemas", "link")
                .whereLayer("connect")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("doctor")
                .mayOnlyAccessLayers("api", "config", "offsets", "schemas", "link")
                .whereLayer("probe")
                .mayOnlyAccessLayers("api", "config", "offsets", "schemas", "link")
                .whereLayer("orchestrator")
                .mayOnlyAccessLayers("api", "config", "offsets", "schemas", "link", "probe", "readiness", "inventory")
                .whereLayer("orchestrator")
                .mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("server")
                .mayOnlyAccessLayers(
                        "api",
                        "config",
                        "offsets",
                        "schemas",
                        "link",
                        "probe",
                        "readiness",
                        "inventory",
                        "orchestrator")
                .whereLayer("server")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("testkit")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("bench")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("sandbox")
                .mayOnlyBeAccessedByLayers("cli", "testkit", "bench")
                .whereLayer("inventory")
                .mayOnlyBeAccessedByLayers("readiness", "orchestrator", "server", "cli", "bench")
                .whereLayer("readiness")
                .mayOnlyBeAccessedByLayers("orchestrator", "server", "cli")
                .whereLayer("link")
                .mayOnlyBeAccessedByLayers("cli", "bench", "connect", "doctor", "probe", "orchestrator", "server")
                .whereLayer("doctor")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("probe")
                .mayOnlyBeAccessedByLayers("cli", "bench", "orchestrator", "server")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers(
                        "schemas",
                        "inventory",
                        "link",
                        "connect",
                        "readiness",
                        "doctor",
                        "probe",
                        "orchestrator",
                        "server",
                        "sandbox",
                        "testkit",
                        "bench",
                        "cli")
                .check(CLASSES);
    }

    @Test
    void offsetsNeedsOnlyKafkaClientsAndSlf4j() {
        offsetsDependOnlyOnKafkaClients(ROOT).check(CLASSES);
    }

    @Test
    void noModuleReachesIntoAnothersInternalPackage() {
        Set<String> modules = modules(CLASSES, ROOT);
        assertThat(modules).contains("api", "offsets", "link", "cli");
        // Not vacuous: at least one module has an internal package for the rule to guard.
        assertThat(CLASSES.stream().filter(c -> c.getPackageName().contains(".internal")))
                .as("classes in an internal package")
                .isNotEmpty();
        for (String module : modules) {
            internalStaysInside(ROOT, module).check(CLASSES);
        }
    }

    @Test
    void nothingOutsideTheCliUsesPicocli() {
        onlyCliUsesPicocli(ROOT).check(CLASSES);
    }

    @Test
    void eachRuleReportsItsViolationOnTheFixtures() {
        // Given fixture modules alpha, beta and offsets, where alpha uses its own internal package (allowed),
        // beta reaches into alpha's, beta uses picocli and offsets uses Jackson
        assertThat(modules(FIXTURES, FIXTURE_ROOT)).containsExactlyInAnyOrder("alpha", "beta", "offsets");

        // When each rule runs on them, Then each reports exactly the class that breaks it
        EvaluationResult internal = internalStaysInside(FIXTURE_ROOT, "alpha").evaluate(FIXTURES);
        assertThat(internal.hasViolation()).isTrue();
        assertThat(internal.getFailureReport().getDetails())
                .isNotEmpty()
                .allMatch(d -> d.contains("layeringfixture.beta.ReachesIn") && d.contains("Secret"));
        assertThat(internalStaysInside(FIXTURE_ROOT, "beta").evaluate(FIXTURES).hasViolation())
                .isFalse();

        EvaluationResult picocli = onlyCliUsesPicocli(FIXTURE_ROOT).evaluate(FIXTURES);
        assertThat(picocli.hasViolation()).isTrue();
        assertThat(picocli.getFailureReport().getDetails())
                .isNotEmpty()
                .allMatch(d -> d.contains("layeringfixture.beta.UsesPicocli"));

        EvaluationResult offsets = offsetsDependOnlyOnKafkaClients(FIXTURE_ROOT).evaluate(FIXTURES);
        assertThat(offsets.hasViolation()).isTrue();
        assertThat(offsets.getFailureReport().getDetails())
                .isNotEmpty()
                .allMatch(d -> d.contains("layeringfixture.offsets.UsesJackson") && d.contains("jackson"));
    }

    /** Classes outside {@code <root>.<module>} do not use {@code <root>.<module>.internal}. */
    private static ArchRule internalStaysInside(String root, String module) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackage(root + "." + module + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + "." + module + ".internal..")
                .allowEmptyShould(true)
                .as("no module reaches into " + root + "." + module + ".internal");
    }

    private static ArchRule onlyCliUsesPicocli(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackage(root + ".cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .as("nothing outside " + root + ".cli uses picocli");
    }

    private static ArchRule offsetsDependOnlyOnKafkaClients(String root) {
        return classes()
                .that()
                .resideInAPackage(root + ".offsets..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        root + ".offsets..",
                        "java..",
                        "org.apache.kafka.clients..",
                        "org.apache.kafka.common..",
                        "org.slf4j..")
                .as(root + ".offsets depends only on the JDK, kafka-clients and slf4j");
    }

    /** The modules present under {@code root}: the package segment after it. */
    private static Set<String> modules(JavaClasses classes, String root) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : classes) {
            String pkg = c.getPackageName();
            if (pkg.startsWith(root + ".")) {
                out.add(pkg.substring(root.length() + 1).split("\\.")[0]);
            }
        }
        return out;
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

    @Test
    void offsetsDeclaresOnlyKafkaClientsAndSlf4jAndOnlyTheCliDeclaresPicocli() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Pattern dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
        Pattern artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>");
        List<String> offsets = new ArrayList<>();
        Matcher m = dependency.matcher(Files.readString(root.resolve("cutover-offsets/pom.xml")));
        while (m.find()) {
            if (!m.group(1).contains("<scope>test</scope>")) {
                Matcher a = artifact.matcher(m.group(1));
                assertThat(a.find()).isTrue();
                offsets.add(a.group(1));
            }
        }
        assertThat(OFFSETS_MAY_DECLARE).containsAll(offsets);

        List<String> picocli = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d :
                    dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
                String name = d.getFileName().toString();
                if (name.startsWith("cutover-")
                        && !name.equals("cutover-cli")
                        && Files.readString(d.resolve("pom.xml")).contains("<artifactId>picocli</artifactId>")) {
                    picocli.add(name);
                }
            }
        }
        assertThat(picocli)
                .as("modules other than cutover-cli that declare picocli")
                .isEmpty();
    }
}
