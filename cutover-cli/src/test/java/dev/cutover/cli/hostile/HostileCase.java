package dev.cutover.cli.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One hostile input and what cutover must answer: the exit code and, on stderr, the file it names ({@code names}, with
 * {@code :line:column} after it when {@code at} is given) and the words that say what is wrong.
 *
 * @param group the child JVM that runs it
 * @param dir the case's directory: its workspace, its {@code args}, and afterwards what the run left
 */
record HostileCase(
        String group, String name, Path dir, List<String> args, int exit, String names, String at, List<String> says) {
    /** Planted in hostile files; no output may repeat it. */
    static final String CANARY = "CANARY7Q";

    HostileCase {
        args = List.copyOf(args);
        says = List.copyOf(says);
    }

    @Override
    public String toString() {
        return group + "/" + name;
    }

    String result(String file) {
        try {
            Path path = dir.resolve(file);
            return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
