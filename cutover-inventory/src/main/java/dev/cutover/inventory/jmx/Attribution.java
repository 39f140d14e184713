package dev.cutover.inventory.jmx;

import java.util.Objects;

/** A client software name and version attributed to one known client, and why that is unambiguous. */
public record Attribution(
        KnownConnection connection, String clientSoftwareName, String clientSoftwareVersion, Basis basis) {
    public enum Basis {
        /** The client's listener had connections from exactly one software name and version. */
        ONLY_SOFTWARE_ON_LISTENER,
        /** The client's listener is unknown, and all listeners together had exactly one software name and version. */
        ONLY_SOFTWARE_ON_ALL_LISTENERS
    }

    public Attribution {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(clientSoftwareName, "clientSoftwareName");
        Objects.requireNonNull(clientSoftwareVersion, "clientSoftwareVersion");
        Objects.requireNonNull(basis, "basis");
    }
}
