package dev.cutover.inventory.jmx;

import java.util.Objects;

/**
 * How many open connections announced one client software (KIP-511: name and version sent in ApiVersionsRequest).
 * Connections that never sent them, e.g. clients older than Kafka 2.4, count as {@code unknown}/{@code unknown}.
 */
public record SoftwareCount(String clientSoftwareName, String clientSoftwareVersion, long connections) {
    public SoftwareCount {
        Objects.requireNonNull(clientSoftwareName, "clientSoftwareName");
        Objects.requireNonNull(clientSoftwareVersion, "clientSoftwareVersion");
        if (connections < 0) {
            throw new IllegalArgumentException("connections must not be negative, was " + connections);
        }
    }

    /** {@code name/version}, e.g. {@code apache-kafka-java/4.3.1}. */
    public String software() {
        return clientSoftwareName + "/" + clientSoftwareVersion;
    }
}
