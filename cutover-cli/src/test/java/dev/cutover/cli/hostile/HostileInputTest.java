package dev.cutover.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input, file type by file type (see {@link HostileCases}): the real command line runs every case in child
 * JVMs with a heap of {@value #HEAP}, one JVM per file type, and each case must end with its exit code (2 for a bad
 * file, never 4 "a bug" or an {@code Error}), an error that names the file and the line and column, repeats nothing
 * planted in the file, and comes within {@value #CASE_SECONDS} s.
 */
class HostileInputTest {
    static final String HEAP = "256m";
    static final long CASE_SECONDS = 15;

    @TempDir
    static Path root;

    private static List<HostileCase> cases;

    @BeforeAll
    static void runEveryCaseInChildJvms() throws Exception {
        Path inventory = root.resolve("inventory.json");
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/dev/cutover/cli/plan-inventory.json")) {
            Files.write(inventory, in.readAllBytes());
        }
        cases = HostileCases.write(root.resolve("cases"), inventory);
        Map<String, List<HostileCase>> groups = new LinkedHashMap<>();
        cases.forEach(
                c -> groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (List<HostileCase> group : groups.values()) {
                runs.add(pool.submit(() -> runChild(group)));
            }
            for (Future<Integer> run : runs) {
                run.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int runChild(List<HostileCase> group) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dcutover.log.file=" + root.resolve(group.get(0).group() + ".log"),
                "-cp",
                System.getProperty("java.class.path"),
                CaseRunnerMain.class.getName()));
        group.forEach(c -> command.add(c.dir().toString()));
        Path output = root.resolve(group.get(0).group() + ".out");
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long limit = group.size() * (CaseRunnerMain.CASE_TIMEOUT_SECONDS + 5) + 60;
        if (!child.waitFor(limit, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        return child.exitValue();
    }

    @AfterAll
    static void printMeasurements() {
        if (cases == null) {
            return;
        }
        System.out.println("hostile input, -Xmx" + HEAP + ": case, exit, ms, peak heap MB, first line of stderr");
        for (HostileCase c : cases) {
            String err = c.result("err").lines().findFirst().orElse("");
            System.out.printf(
                    "%-45s %-8s %6s %4s  %s%n",
                    c,
                    c.result("exit"),
                    c.result("millis"),
                    c.result("peak-heap-mb"),
                    err.replace(root.toString() + File.separator, ""));
        }
    }

    private static String childOutput(HostileCase c) {
        try {
            return Files.readString(root.resolve(c.group() + ".out"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    static Stream<HostileCase> cases() {
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithItsExitCodeAMessageNamingTheFileAndNoEcho(HostileCase c) {
        String exit = c.result("exit");
        String err = c.result("err");
        String all = c.result("out") + err;
        assertThat(exit)
                .as("exit code of %s; stderr:%n%s%nthe child JVM's output:%n%s", c, err, childOutput(c))
                .isEqualTo(Integer.toString(c.exit()));
        assertThat(Long.parseLong(c.result("millis")))
                .as("milliseconds for %s", c)
                .isLessThan(CASE_SECONDS * 1000);
        assertThat(all)
                .as("output of %s", c)
                .doesNotContain(HostileCase.CANARY)
                .doesNotContain("internal error")
                .doesNotContain("Exception in thread")
                .doesNotContainPattern("\\sat [a-z]+\\.")
                .doesNotContain("Error:");
        if (c.exit() == 2) {
            String names = Pattern.quote(c.names()) + (c.at() == null ? "\\b" : ":" + c.at() + ":");
            assertThat(err).as("stderr of %s", c).containsPattern("error: .*" + names);
            assertThat(err).as("stderr of %s", c).contains(c.says());
        }
    }
}
