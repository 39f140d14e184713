package dev.cutover.config;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How to reach one cluster: Kafka client properties (merged from {@code propertiesFile} and {@code properties}),
 * optional JMX URLs, the REST URL of the Kafka Connect workers that run against it ({@code connect:}, optional) and how
 * long to wait for the cluster. Secrets in {@code properties} are config-provider
 * references ({@code ${file:...}}, {@code ${env:...}}, {@code ${directory:...}}) that Kafka resolves when a client
 * is built from {@link #clientProperties()}. {@link #toString()} is redacted.
 */
public record ConnectionProfile(
        String name,
        Map<String, String> properties,
        List<String> jmxUrls,
        Duration timeout,
        ClientPolicy policy,
        java.util.Optional<String> connectUrl,
        java.util.Optional<SchemaRegistrySettings> schemaRegistry) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("profile name must be letters, digits, '-' or '_': " + name);
        }
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        jmxUrls = List.copyOf(jmxUrls);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (!properties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("profile " + name + " has no bootstrap.servers");
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connectUrl, "connectUrl");
        Objects.requireNonNull(schemaRegistry, "schemaRegistry");
        policy.check(name, properties);
        ProfileSecrets.rememberInline(properties);
    }

    /** A profile without a schema registry. */
    public ConnectionProfile(
            String name,
            Map<String, String> properties,
            List<String> jmxUrls,
            Duration timeout,
            ClientPolicy policy,
            java.util.Optional<String> connectUrl) {
        this(name, properties, jmxUrls, timeout, policy, connectUrl, java.util.Optional.empty());
    }

    /** This profile with the given schema registry. */
    public ConnectionProfile withSchemaRegistry(SchemaRegistrySettings registry) {
        return new ConnectionProfile(
                name, properties, jmxUrls, timeout, policy, connectUrl, java.util.Optional.of(registry));
    }

    /** A profile without Connect workers. */
    public ConnectionProfile(
            String name, Map<String, String> properties, List<String> jmxUrls, Duration timeout, ClientPolicy policy) {
        this(name, properties, jmxUrls, timeout, policy, java.util.Optional.empty());
    }

    /** A profile under {@link ClientPolicy#DEFAULT}. */
    public ConnectionProfile(String name, Map<String, String> properties, List<String> jmxUrls, Duration timeout) {
        this(name, properties, jmxUrls, timeout, ClientPolicy.DEFAULT);
    }

    /** What is allowed but unsafe in this profile (unsigned OAuth tokens, an endpoint without TLS), to warn about. */
    public List<String> warnings() {
        return policy.warnings(name, properties);
    }

    public String bootstrapServers() {
        return properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /**
     * Properties ready for {@code Admin.create}, consumers and producers: the profile's properties plus the config
     * providers {@code env}, {@code file} and {@code directory} unless the profile configures providers of those
     * names itself. Fails with {@code CONFIG_INVALID} when a reference names a provider that is not configured, or
     * one that the JVM's {@code org.apache.kafka.automatic.config.providers} allowlist forbids, or resolves to a value
     * that {@link ClientPolicy} refuses. Every resolved value becomes known to {@link Redactor}, so no message shows it.
     */
    public Map<String, Object> clientProperties() {
        return ConfigProviders.withDefaults(name, properties, policy);
    }

    /**
     * The properties with their {@code ${env:…}}/{@code ${file:…}}/{@code ${directory:…}} references resolved and no
     * {@code config.providers} settings, for clients without those providers (older kafka-clients, librdkafka). The
     * values are secrets in clear: hand them to a client, never print them (they are known to {@link Redactor}).
     */
    public Map<String, String> resolvedProperties() {
        return ConfigProviders.resolved(name, properties, policy);
    }

    @Override
    public String toString() {
        return "ConnectionProfile[name=" + name + ", properties=" + Redactor.redact(properties) + ", jmxUrls="
                + jmxUrls.stream().map(Redactor::redactText).toList() + ", timeout=" + timeout + ", policy=" + policy
                + ", connectUrl=" + connectUrl.map(Redactor::redactText).orElse("none") + ", schemaRegistry="
                + schemaRegistry.map(SchemaRegistrySettings::toString).orElse("none") + "]";
    }
}
