package dev.cutover.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to reach the schema registry that serves one cluster's clients ({@code clusters.<profile>.schemaRegistry} in
 * {@code cutover.yaml}): the base URL of its Confluent-compatible REST API and optional client settings, named as in
 * Confluent's serializer configuration:
 *
 * <pre>{@code
 * schemaRegistry:
 *   url: https://registry.example.com:8081          # Confluent: its root; Apicurio: .../apis/ccompat/v7
 *   basic.auth.user.info: ${file:/secrets/sr.properties:userinfo}   # USER:PASSWORD, a reference only
 *   bearer.auth.token: ${env:SR_TOKEN}                                # a reference only
 *   ssl.truststore.location: certs/registry-ca.p12                    # relative to the workspace
 *   ssl.truststore.password: ${file:/secrets/sr.properties:truststore}
 *   ssl.truststore.type: PKCS12
 *   ssl.keystore.location / ssl.keystore.password / ssl.keystore.type / ssl.key.password   # mutual TLS
 * }</pre>
 *
 * <p>Secrets ({@code basic.auth.user.info}, {@code bearer.auth.token}, passwords) are accepted only as config-provider
 * references, resolved by {@link #resolvedProperties()} when a client is built; {@link #toString()} is redacted.
 */
public record SchemaRegistrySettings(String profile, String url, Map<String, String> properties, ClientPolicy policy) {
    public static final String BASIC_AUTH = "basic.auth.user.info";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final List<String> KEYS = List.of(
            "url",
            BASIC_AUTH,
            BEARER_TOKEN,
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.truststore.type",
            "ssl.keystore.location",
            "ssl.keystore.password",
            "ssl.keystore.type",
            "ssl.key.password");
    /** Keys whose values are secrets and must be references. */
    public static final List<String> SECRET_KEYS =
            List.of(BASIC_AUTH, BEARER_TOKEN, "ssl.truststore.password", "ssl.keystore.password", "ssl.key.password");

    public SchemaRegistrySettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("a schema registry URL starts with http:// or https://");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        for (String key : properties.keySet()) {
            if (!KEYS.contains(key) || key.equals("url")) {
                throw new IllegalArgumentException("unknown schema registry setting " + key);
            }
        }
        Objects.requireNonNull(policy, "policy");
    }

    /** A registry reached without authentication or client TLS settings. */
    public static SchemaRegistrySettings of(String profile, String url) {
        return new SchemaRegistrySettings(profile, url, Map.of(), ClientPolicy.DEFAULT);
    }

    /**
     * The settings with their references resolved: secrets in clear, to hand to an HTTP client and never print (they
     * are known to {@link Redactor}).
     */
    public Map<String, String> resolvedProperties() {
        return ConfigProviders.resolved(profile, properties, policy);
    }

    @Override
    public String toString() {
        return "SchemaRegistrySettings[profile=" + profile + ", url=" + Redactor.redactText(url) + ", properties="
                + Redactor.redact(properties) + "]";
    }
}
