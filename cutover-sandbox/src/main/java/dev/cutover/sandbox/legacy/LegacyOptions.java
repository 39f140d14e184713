package dev.cutover.sandbox.legacy;

import dev.cutover.sandbox.SecurityMode;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link LegacyCluster}.
 *
 * @param kafkaVersion the broker version; its class path must be on the class path as a resource (see
 *     {@link LegacyClasspath})
 * @param security the listener's security: {@link SecurityMode#NONE} or {@link SecurityMode#SASL_SCRAM}
 * @param startTimeout how long ZooKeeper plus the broker may take until the broker answers an Admin call
 */
public record LegacyOptions(String kafkaVersion, SecurityMode security, Duration startTimeout) {
    public static final String DEFAULT_VERSION = "3.9.1";

    public LegacyOptions {
        Objects.requireNonNull(kafkaVersion, "kafkaVersion");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        if (security != SecurityMode.NONE && security != SecurityMode.SASL_SCRAM) {
            throw new IllegalArgumentException("legacy brokers support security NONE and SASL_SCRAM, not " + security);
        }
    }

    /** Kafka 3.9.1 with ZooKeeper, PLAINTEXT, 60 s to start. */
    public static LegacyOptions defaults() {
        return new LegacyOptions(DEFAULT_VERSION, SecurityMode.NONE, Duration.ofSeconds(60));
    }

    public LegacyOptions withSecurity(SecurityMode mode) {
        return new LegacyOptions(kafkaVersion, mode, startTimeout);
    }

    public LegacyOptions withStartTimeout(Duration timeout) {
        return new LegacyOptions(kafkaVersion, security, timeout);
    }
}
