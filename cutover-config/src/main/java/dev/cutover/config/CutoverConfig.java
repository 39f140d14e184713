package dev.cutover.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The content of {@code cutover.yaml}: its format version and the connection profiles, in file order. */
public record CutoverConfig(int version, Map<String, ConnectionProfile> clusters) {
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
    }
}
