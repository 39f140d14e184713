package dev.cutover.sandbox.registry;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a {@code java} of at least a given feature release for a child process that needs a newer Java than the one
 * cutover runs on (Apicurio Registry 3 needs 21). Looks, in this order, at:
 *
 * <ol>
 *   <li>{@value #ENV} (a JDK home or a {@code java} binary): when set, it is the only candidate, so a wrong setting
 *       is reported rather than silently passed over;
 *   <li>the running JVM;
 *   <li>{@code JAVA_HOME};
 *   <li>the JDKs installed in the usual directories ({@code /usr/lib/jvm/*} and others), the newest first.
 * </ol>
 *
 * A candidate's version is read from its home's {@code release} file ({@code JAVA_VERSION}), else from {@code java
 * -version}.
 */
public final class JavaRuntimes {
    public static final String ENV = "CUTOVER_REGISTRY_JAVA";
    /** Apicurio Registry 3.x is built for Java 21 (class file version 65). */
    public static final int REGISTRY_MINIMUM = 21;

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\s]+)\"?");
    /** The feature release, after the "1." that versions up to 8 begin with. */
    private static final Pattern FEATURE = Pattern.compile("^(?:1\\.)?(\\d+)");

    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");

    private JavaRuntimes() {}

    /** What a search found, and everywhere it looked. */
    public record Search(int minimum, Optional<JavaRuntime> runtime, List<String> looked) {
        public Search {
            looked = List.copyOf(looked);
        }

        /** Why nothing was found: the places searched and what each held; empty when something was. */
        public String whyNot() {
            return runtime.isPresent()
                    ? ""
                    : "no Java " + minimum + " or newer found; looked at: " + String.join("; ", looked);
        }

        /** The runtime, or a {@link Reason#CONFIG_NOT_FOUND} that names where it looked and how to point at one. */
        public JavaRuntime orElseThrow(String neededFor) {
            return runtime.orElseThrow(() -> new CutoverException(
                    Reason.CONFIG_NOT_FOUND,
                    neededFor + " needs Java " + minimum + " or newer: " + whyNot(),
                    "install a JDK " + minimum + "+ (e.g. apt-get install openjdk-21-jdk-headless) or set " + ENV
                            + " to a JDK " + minimum + "+ home or its bin/java"));
        }
    }

    /** Searches this machine, as described above. */
    public static Search find(int minimum) {
        return find(
                minimum,
                System.getenv(),
                Path.of(System.getProperty("java.home")),
                defaultRoots(Path.of(System.getProperty("user.home"))));
    }

    /** Where installed JDKs are looked for: Debian/Ubuntu, RPM distributions, containers, macOS, SDKMAN. */
    static List<Path> defaultRoots(Path userHome) {
        return List.of(
                Path.of("/usr/lib/jvm"),
                Path.of("/usr/java"),
                Path.of("/opt/java"),
                Path.of("/Library/Java/JavaVirtualMachines"),
                userHome.resolve(".sdkman/candidates/java"));
    }

    static Search find(int minimum, Map<String, String> env, Path currentHome, List<Path> roots) {
        List<String> looked = new ArrayList<>();
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            Optional<JavaRuntime> r = inspect(Path.of(explicit.strip()), ENV);
            looked.add(ENV + "=" + explicit.strip() + " (" + verdict(r, minimum) + ")");
            return new Search(minimum, r.filter(j -> j.feature() >= minimum), looked);
        }
        looked.add(ENV + " (not set)");
        Optional<JavaRuntime> current = inspect(currentHome, "the running JVM");
        looked.add("the running JVM at " + currentHome + " (" + verdict(current, minimum) + ")");
        if (current.filter(j -> j.feature() >= minimum).isPresent()) {
            return new Search(minimum, current, looked);
        }
        String javaHome = env.get("JAVA_HOME");
        if (javaHome == null || javaHome.isBlank()) {
            looked.add("JAVA_HOME (not set)");
        } else {
            Optional<JavaRuntime> r = inspect(Path.of(javaHome.strip()), "JAVA_HOME");
            looked.add("JAVA_HOME=" + javaHome.strip() + " (" + verdict(r, minimum) + ")");
            if (r.filter(j -> j.feature() >= minimum).isPresent()) {
                return new Search(minimum, r, looked);
            }
        }
        List<JavaRuntime> installed = new ArrayList<>();
        for (Path root : roots) {
            List<String> seen = new ArrayList<>();
            for (Path home : homesUnder(root)) {
                inspect(home, root.toString()).ifPresent(j -> {
                    installed.add(j);
                    seen.add(home.getFileName() + ": Java " + j.version());
                });
            }
            if (Files.isDirectory(root)) {
                looked.add(root + "/* (" + (seen.isEmpty() ? "no JDK" : String.join(", ", seen)) + ")");
            }
        }
        Optional<JavaRuntime> best = installed.stream()
                .filter(j -> j.feature() >= minimum)
                .max(Comparator.comparingInt(JavaRuntime::feature));
        return new Search(minimum, best, looked);
    }

    private static String verdict(Optional<JavaRuntime> r, int minimum) {
        return r.map(j -> "Java " + j.version() + (j.feature() >= minimum ? "" : ", too old"))
                .orElse("no java there");
    }

    /** The JDK homes directly under {@code root}, each once (symbolic links to the same JDK are one). */
    private static List<Path> homesUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Set<Path> real = new LinkedHashSet<>();
        List<Path> homes = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted().toList()) {
                // macOS bundles keep the home in Contents/Home.
                Path home = Files.isDirectory(child.resolve("Contents/Home")) ? child.resolve("Contents/Home") : child;
                if (Files.isRegularFile(home.resolve("bin/java")) && real.add(home.toRealPath())) {
                    homes.add(home);
                }
            }
        } catch (IOException e) {
            return homes;
        }
        return homes;
    }

    /**
     * The runtime at {@code path}, a JDK (or JRE) home or a {@code java} binary, with its version; empty when there is
     * no {@code java} there or its version cannot be read.
     */
    public static Optional<JavaRuntime> inspect(Path path, String foundVia) {
        try {
            Path executable = Files.isDirectory(path) ? path.resolve("bin/java") : path;
            if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
                return Optional.empty();
            }
            // /usr/bin/java is a chain of links; the home is two levels above the real binary.
            Path home = executable.toRealPath().getParent().getParent();
            Optional<String> version = releaseVersion(home).or(() -> reportedVersion(executable));
            return version.flatMap(v -> feature(v).map(f -> new JavaRuntime(executable, f, v, foundVia)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> releaseVersion(Path home) {
        Path release = home == null ? null : home.resolve("release");
        if (release == null || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> reportedVersion(Path executable) {
        try {
            Process p = new ProcessBuilder(executable.toString(), "-version")
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(8192);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION_OUTPUT.matcher(new String(out, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** 21 for {@code 21.0.4+7}, 25 for {@code 25-ea}, 8 for {@code 1.8.0_402}. */
    static Optional<Integer> feature(String version) {
        Matcher m = FEATURE.matcher(version);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
