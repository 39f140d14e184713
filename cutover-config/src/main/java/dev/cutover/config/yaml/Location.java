package dev.cutover.config.yaml;

import java.util.Objects;

/** A place in a file, 1-based, as people and editors count: {@code cutover.yaml:4:7}. */
public record Location(String file, int line, int column) {
    public Location {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
