package dev.cutover.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A profile to write with {@link CutoverYamlWriter}: plain properties, secret properties (written to
 * {@code .secrets/} and referenced, never inline), JMX URLs and the timeout.
 */
public record ProfileSpec(
        Map<String, String> properties,
        Map<String, String> secrets,
        List<String> jmxUrls,
        Duration timeout,
        java.util.Optional<String> schemaRegistryUrl) {
    public ProfileSpec {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        jmxUrls = List.copyOf(jmxUrls);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    }

    /** A profile without a schema registry. */
    public ProfileSpec(
            Map<String, String> properties, Map<String, String> secrets, List<String> jmxUrls, Duration timeout) {
        this(properties, secrets, jmxUrls, timeout, java.util.Optional.empty());
    }

    /** This profile with a schema registry reached at {@code url} without authentication. */
    public ProfileSpec withSchemaRegistry(String url) {
        return new ProfileSpec(properties, secrets, jmxUrls, timeout, java.util.Optional.of(url));
    }

    public static ProfileSpec of(Map<String, String> properties, Map<String, String> secrets) {
        return new ProfileSpec(properties, secrets, List.of(), ConnectionProfile.DEFAULT_TIMEOUT);
    }

    @Override
    public String toString() {
        return "ProfileSpec[properties=" + Redactor.redact(properties) + ", secrets=" + secrets.keySet() + ", jmxUrls="
                + jmxUrls.size() + ", timeout=" + timeout + ", schemaRegistryUrl="
                + schemaRegistryUrl.map(Redactor::redactText).orElse("none") + "]";
    }
}
