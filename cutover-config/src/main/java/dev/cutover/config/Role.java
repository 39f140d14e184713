package dev.cutover.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a workload does with Kafka, as written in {@code workloads.yaml}. */
public enum Role {
    PRODUCER,
    CONSUMER,
    STREAMS,
    CONNECT,
    ADMIN;

    /** The spelling used in {@code workloads.yaml}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromYaml(String text) {
        return Arrays.stream(values()).filter(r -> r.yamlName().equals(text)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(Role::yamlName).toList();
    }
}
