package dev.cutover.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content of {@code cutover.yaml}: its format version, the connection profiles in file order, and the readiness
 * settings.
 */
public record CutoverConfig(int version, Map<String, ConnectionProfile> clusters, ReadinessSettings readiness) {
    public static final int CURRENT_VERSION = 1;

    public CutoverConfig {
        if (version != CURRENT_VERSION) {
            throw new IllegalArgumentException("unsupported version " + version);
        }
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        clusters.forEach((name, profile) -> {
            if (!name.equals(profile.name())) {
                throw new IllegalArgumentException("profile " + profile.name() + " filed under " + name);
            }
        });
        Objects.requireNonNull(readiness, "readiness");
    }

    /** A config with default readiness settings. */
    public CutoverConfig(int version, Map<String, ConnectionProfile> clusters) {
        this(version, clusters, ReadinessSettings.defaults());
    }
}
