package dev.cutover.inventory.files;

import java.util.Objects;

/** A file the scan could not read or parse; {@code line} is 0 when the problem concerns the whole file. */
public record ScanProblem(String file, int line, String problem) {
    public ScanProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
    }
}
