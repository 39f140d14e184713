package dev.cutover.readiness.areas;

import dev.cutover.config.ConnectionProfile;
import java.util.Locale;
import java.util.Objects;

/**
 * How the source and target profiles connect (never a secret): what readiness knows of the listeners the workloads
 * will use.
 *
 * @param sourceProtocol {@code security.protocol} of the source profile ({@code PLAINTEXT} when unset)
 * @param sourceMechanism {@code sasl.mechanism} of the source profile, or {@code null} without SASL
 * @param targetProtocol {@code security.protocol} of the target profile
 * @param targetMechanism {@code sasl.mechanism} of the target profile, or {@code null} without SASL
 * @param targetJmx whether the target profile has a JMX URL (cutover can observe the target's brokers)
 */
public record Endpoints(
        String sourceProtocol,
        String sourceMechanism,
        String targetProtocol,
        String targetMechanism,
        boolean targetJmx) {
    public Endpoints {
        Objects.requireNonNull(sourceProtocol, "sourceProtocol");
        Objects.requireNonNull(targetProtocol, "targetProtocol");
    }

    public static Endpoints of(ConnectionProfile source, ConnectionProfile target) {
        return new Endpoints(
                protocol(source),
                mechanism(source),
                protocol(target),
                mechanism(target),
                !target.jmxUrls().isEmpty());
    }

    static String protocol(ConnectionProfile p) {
        return p.properties()
                .getOrDefault("security.protocol", "PLAINTEXT")
                .trim()
                .toUpperCase(Locale.ROOT);
    }

    static String mechanism(ConnectionProfile p) {
        if (!protocol(p).startsWith("SASL")) {
            return null;
        }
        return p.properties().getOrDefault("sasl.mechanism", "GSSAPI").trim().toUpperCase(Locale.ROOT);
    }

    static boolean tls(String protocol) {
        return protocol.equals("SSL") || protocol.equals("SASL_SSL");
    }
}
