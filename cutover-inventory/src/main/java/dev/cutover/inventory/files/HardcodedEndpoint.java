package dev.cutover.inventory.files;

import java.util.Objects;

/** A bootstrap address written into source code: it will not follow a config change and must be edited. */
public record HardcodedEndpoint(String file, int line, String endpoint) {
    public HardcodedEndpoint {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
