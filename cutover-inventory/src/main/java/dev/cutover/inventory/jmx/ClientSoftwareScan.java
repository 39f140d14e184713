package dev.cutover.inventory.jmx;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link ClientSoftwareScanner#scan}: one entry per JMX URL, in the order given.
 *
 * @param scannedAt when the scan started, ISO-8601 UTC
 * @param formatVersion version of this record's JSON form; {@value #FORMAT_VERSION} so far
 */
public record ClientSoftwareScan(int formatVersion, String scannedAt, List<EndpointSoftware> endpoints) {
    public static final int FORMAT_VERSION = 1;

    public ClientSoftwareScan {
        Objects.requireNonNull(scannedAt, "scannedAt");
        endpoints = List.copyOf(endpoints);
    }

    /** Every listener of every endpoint. */
    public List<ListenerSoftware> listeners() {
        return endpoints.stream().flatMap(e -> e.listeners().stream()).toList();
    }
}
