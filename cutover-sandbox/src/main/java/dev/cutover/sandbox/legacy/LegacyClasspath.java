package dev.cutover.sandbox.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The class path of an older broker: a resource written by module {@code cutover-sandbox-legacy}, one line of
 * {@code :}-separated absolute jar paths in the local Maven repository.
 */
final class LegacyClasspath {
    private LegacyClasspath() {}

    static String resourceName(String kafkaVersion) {
        return "dev/cutover/sandbox/legacy/kafka-" + kafkaVersion + ".classpath";
    }

    /** The class path, checked: every jar on it exists. */
    static String load(String kafkaVersion) {
        String resource = resourceName(kafkaVersion);
        String hint = "; build it with ./mvnw -pl cutover-sandbox-legacy package";
        String line;
        try (InputStream in = LegacyClasspath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class path of Kafka " + kafkaVersion + " not found: resource "
                        + resource + " is missing" + hint);
            }
            line = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource + hint, e);
        }
        List<String> jars = Arrays.stream(line.split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank())
                .toList();
        if (jars.isEmpty()) {
            throw new IllegalStateException("resource " + resource + " is empty" + hint);
        }
        List<String> missing =
                jars.stream().filter(j -> !Files.isRegularFile(Path.of(j))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("resource " + resource + " names " + missing.size()
                    + " jar(s) missing from the local Maven repository, e.g. " + missing.get(0) + hint);
        }
        return String.join(java.io.File.pathSeparator, jars);
    }
}
