package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The product's class path carries only what the product needs: MirrorMaker 2 and Kafka Connect (connect-runtime,
 * connect-mirror and what only they need) are on it only for {@code cutover bench}. The lists are the ones the build
 * copies to {@code target/lib} (the default class path of {@code ./cutover}) and {@code target/bench-lib} (added by the
 * launcher for {@code cutover bench} alone), written by the dependency plugin before the tests run.
 */
class ProductClassPathTest {
    private static final Path RUNTIME = Path.of("target/classpath/runtime.txt");
    private static final Path BENCH = Path.of("target/classpath/bench.txt");

    @Test
    void connectAndMirrorMakerAreOnlyOnTheBenchClassPath() throws IOException {
        // Given the two class paths the build computes
        List<Path> runtime = entries(RUNTIME);
        List<Path> bench = entries(BENCH);

        // Then the bench's holds MirrorMaker 2 and Connect (so this test checks something) ...
        assertThat(names(bench)).anyMatch(n -> n.startsWith("connect-mirror-"));
        assertThat(names(bench)).anyMatch(n -> n.startsWith("connect-runtime-"));
        // ... and cutover's Connect connector, which the bench's Connect workers load from the class path ...
        assertThat(bench).anyMatch(p -> p.toString().contains("cutover-connect"));
        // ... and the product's holds none of them, nor anything that only they need
        assertThat(names(runtime)).isNotEmpty().noneMatch(n -> n.startsWith("connect-"));
        assertThat(runtime).noneMatch(p -> p.toString().contains("cutover-connect"));
        assertThat(runtime).doesNotContainAnyElementsOf(bench);
    }

    @Test
    void theProductRunsOnItsOwnClassPathAndTheBenchSaysWhatIsMissing() throws Exception {
        // Given a class loader with only the product's class path (the cli's classes and target/lib)
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of("target/classes").toUri().toURL());
        for (Path p : entries(RUNTIME)) {
            urls.add(p.toUri().toURL());
        }
        try (URLClassLoader product =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            // Then MirrorMaker 2 and Connect cannot be loaded
            assertThatThrownBy(() -> Class.forName("org.apache.kafka.connect.mirror.MirrorMaker", false, product))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("org.apache.kafka.connect.runtime.Worker", false, product))
                    .isInstanceOf(ClassNotFoundException.class);

            // And the command tree loads: every verb's help, the bench's included
            for (String[] args : List.of(
                    new String[] {"--help"},
                    new String[] {"offsets", "translate", "--help"},
                    new String[] {"link", "--help"},
                    new String[] {"demo", "--help"},
                    new String[] {"bench", "link", "--help"})) {
                Run r = run(product, args);
                assertThat(r.code())
                        .as("exit code of %s: %s", Arrays.toString(args), r.err())
                        .isZero();
            }

            // And `bench link` without the bench's class path ends with a usage error naming the fix, before it starts
            Run bench = run(product, "bench", "link", "--records", "10", "--runs", "1", "--warmup", "0");
            assertThat(bench.code()).isEqualTo(2);
            assertThat(bench.err()).contains("MirrorMaker 2 (connect-mirror) is not on the class path", "bench-lib");

            // And so does `bench link` with only a Connect contender, naming Connect's worker
            Run connect = run(
                    product,
                    "bench",
                    "link",
                    "--contenders",
                    "connect-1",
                    "--records",
                    "10",
                    "--runs",
                    "1",
                    "--warmup",
                    "0");
            assertThat(connect.code()).isEqualTo(2);
            assertThat(connect.err())
                    .contains("org.apache.kafka.connect.cli.ConnectDistributed is not on the class path", "bench-lib");
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run run(ClassLoader loader, String... args) throws Exception {
        Class<?> main = Class.forName("dev.cutover.cli.Main", true, loader);
        Method run = main.getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            int code = (int) run.invoke(null, new PrintWriter(out), new PrintWriter(err), args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static List<Path> entries(Path list) throws IOException {
        assertThat(list)
                .as("written by the dependency plugin at generate-test-resources (cutover-cli/pom.xml)")
                .exists();
        String text = Files.readString(list).trim();
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(java.io.File.pathSeparator))
                .map(Path::of)
                .toList();
    }

    private static Set<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
}
