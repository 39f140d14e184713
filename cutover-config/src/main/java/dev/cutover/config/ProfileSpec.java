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
        Map<String, String> properties, Map<String, String> secrets, List<String> jmxUrls, Duration timeout) {
    public ProfileSpec {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        jmxUrls = List.copyOf(jmxUrls);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static ProfileSpec of(Map<String, String> properties, Map<String, String> secrets) {
        return new ProfileSpec(properties, secrets, List.of(), ConnectionProfile.DEFAULT_TIMEOUT);
    }

    @Override
    public String toString() {
        return "ProfileSpec[properties=" + Redactor.redact(properties) + ", secrets=" + secrets.keySet() + ", jmxUrls="
                + jmxUrls.size() + ", timeout=" + timeout + "]";
    }
}
