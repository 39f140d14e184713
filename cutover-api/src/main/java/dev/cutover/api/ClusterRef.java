package dev.cutover.api;

import java.util.Objects;

/** A cluster as the workspace names it: the profile name (for example {@code source}) and its bootstrap servers. */
public record ClusterRef(String profile, String bootstrapServers) {
    public ClusterRef {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    }

    @Override
    public String toString() {
        return profile + " (" + bootstrapServers + ")";
    }
}
