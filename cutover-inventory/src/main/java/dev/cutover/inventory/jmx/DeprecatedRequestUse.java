package dev.cutover.inventory.jmx;

import java.util.Objects;

/**
 * A broker's count of requests at an API version it deprecates, by client software
 * ({@code kafka.network:type=RequestMetrics,name=DeprecatedRequestsPerSec,request=..,version=..,clientSoftwareName=..,
 * clientSoftwareVersion=..}). Brokers create this meter on the first such request, so no entry means none was seen.
 */
public record DeprecatedRequestUse(
        String broker,
        String request,
        String version,
        String clientSoftwareName,
        String clientSoftwareVersion,
        long count,
        double oneMinuteRate) {
    public DeprecatedRequestUse {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientSoftwareName, "clientSoftwareName");
        Objects.requireNonNull(clientSoftwareVersion, "clientSoftwareVersion");
    }
}
