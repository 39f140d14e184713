package dev.cutover.config;

import dev.cutover.config.yaml.ConfigErrors;
import dev.cutover.config.yaml.Fields;
import dev.cutover.config.yaml.Location;
import dev.cutover.config.yaml.YamlNode;
import dev.cutover.config.yaml.YamlReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Parses {@code cutover.yaml}. The format, version 1:
 *
 * <pre>{@code
 * version: 1                      # required; the format version
 * clusters:                       # required; profile name -> profile (letters, digits, '-', '_')
 *   source:
 *     propertiesFile: clients/source.properties  # optional; an existing client.properties, relative to the workspace
 *     properties:                 # any Kafka client property; values are text; these override propertiesFile
 *       bootstrap.servers: broker1:9092
 *       sasl.jaas.config: ${file:/secrets/source.properties:jaas}   # secrets only as config-provider references
 *     jmx: service:jmx:rmi:///jndi/rmi://broker1:9999/jmxrmi        # optional; one URL or a list
 *     connect: http://connect-1:8083                                  # optional: Kafka Connect workers' REST URL
 *     schemaRegistry:             # optional: the Confluent-compatible registry of this cluster's clients
 *       url: http://registry:8081 # see SchemaRegistrySettings for auth (references only) and TLS keys
 *     timeout: 30s                # optional, default 30s; 500ms, 30s, 2m, 1h, 1d or ISO-8601 (PT30S)
 * links:                          # optional; link name -> settings of `cutover link start` (flags override them)
 *   default:                      # the link's name (letters, digits, '.', '_', '-')
 *     topics: "orders\..*"       # source topics to copy, a regex (whole name); default all
 *     exclude: ".*-tmp"           # source topics not to copy, a regex
 *     from: earliest              # earliest | latest | ISO-8601 instant | epoch ms; default earliest
 *     maxBytesPerSecond: 10485760 # throttle on copied bytes; default none
 *     syncSecurity: true          # ACLs and quotas of the linked topics follow; default true
 *     principalMap:               # source principal -> target principal, for copied ACLs and quotas
 *       "User:alice": "User:alice@corp"
 *     lease: 30s                  # how long a crashed or paused instance keeps its claim; default 30s, at least 1s
 *     metadataRefresh: 30s        # how often the running link follows the source's topics; default 30s
 *     schemaIds: rewrite          # wire-format schema ids: check | rewrite | off; default check when both
 *                                 # profiles name a schemaRegistry, else off (see SchemaIds)
 * readiness:                      # optional
 *   maxEvidenceAge: 30d           # optional, default 30d: older evidence counts as missing
 * metrics:                        # optional: Prometheus /metrics of link start, wave run and wave rollback
 *   address: 127.0.0.1:9464       # host:port; off when absent; --metrics-address overrides it
 * security:                       # optional; see ClientPolicy: what profiles may use beyond the safe defaults
 *   allowConfigProviders: [com.example.VaultConfigProvider]   # config provider classes besides Kafka's own
 *   allowInsecureEndpoints: [http://localhost:8080/token]     # OAuth token/JWKS URLs that are not https
 * }</pre>
 *
 * <p>Unknown keys are errors at every level. To add a top-level section (for example {@code link:}), add its name to
 * {@link #TOP_LEVEL_SECTIONS}, parse it in {@link #parse} and add a component to {@link CutoverConfig}.
 */
final class CutoverYamlParser {
    /** The known top-level sections: the one place to extend the format. */
    static final List<String> TOP_LEVEL_SECTIONS =
            List.of("version", "clusters", "links", "readiness", "metrics", "security");

    static final List<String> SECURITY_KEYS = List.of("allowConfigProviders", "allowInsecureEndpoints");

    static final List<String> READINESS_KEYS = List.of("maxEvidenceAge");

    static final List<String> METRICS_KEYS = List.of("address");

    static final List<String> PROFILE_KEYS =
            List.of("properties", "propertiesFile", "jmx", "connect", "schemaRegistry", "timeout");

    private CutoverYamlParser() {}

    static CutoverConfig parse(Path workspaceDir, Path file, String text) {
        String name = file.toString();
        Fields root = Fields.of(YamlReader.readDocument(name, text), "").allowOnly(TOP_LEVEL_SECTIONS);
        int version = Versions.require(root, CutoverConfig.CURRENT_VERSION);
        YamlNode clustersNode = root.node("clusters")
                .orElseThrow(() -> root.missing("clusters", "add 'clusters:' with at least one profile, e.g. source"));
        Fields clusters = Fields.of(clustersNode, "clusters");
        if (clusters.mapping().entries().isEmpty()) {
            throw ConfigErrors.invalid(
                    clustersNode.location(), "clusters", "no connection profiles", "add a profile such as 'source:'");
        }
        ClientPolicy policy = root.node("security")
                .map(node -> security(Fields.of(node, "security").allowOnly(SECURITY_KEYS)))
                .orElse(ClientPolicy.DEFAULT);
        Map<String, ConnectionProfile> profiles = new LinkedHashMap<>();
        for (YamlNode.Entry entry : clusters.mapping().entries()) {
            profiles.put(entry.key(), profile(workspaceDir, entry, clusters.pathOf(entry.key()), policy));
        }
        ReadinessSettings readiness = root.node("readiness")
                .map(node -> readiness(Fields.of(node, "readiness").allowOnly(READINESS_KEYS)))
                .orElse(ReadinessSettings.defaults());
        Map<String, LinkConfig> links = new LinkedHashMap<>();
        root.node("links").ifPresent(node -> {
            Fields linksFields = Fields.of(node, "links");
            for (YamlNode.Entry entry : linksFields.mapping().entries()) {
                links.put(entry.key(), LinkSection.parse(entry, linksFields.pathOf(entry.key())));
            }
        });
        MetricsSettings metrics = root.node("metrics")
                .map(node -> metrics(Fields.of(node, "metrics").allowOnly(METRICS_KEYS)))
                .orElse(MetricsSettings.off());
        return new CutoverConfig(version, profiles, links, readiness, metrics);
    }

    private static MetricsSettings metrics(Fields fields) {
        Optional<String> address = fields.text("address");
        address.ifPresent(a -> {
            if (!MetricsSettings.validAddress(a)) {
                throw ConfigErrors.invalid(
                        fields.locationOf("address"),
                        fields.pathOf("address"),
                        "'" + a + "' is not host:port",
                        "write e.g. 127.0.0.1:9464 (this machine only) or 0.0.0.0:9464 (scraped from other hosts)");
            }
        });
        return new MetricsSettings(address);
    }

    private static ReadinessSettings readiness(Fields fields) {
        return fields.text("maxEvidenceAge")
                .map(t -> new ReadinessSettings(Durations.parse(t)
                        .orElseThrow(() -> ConfigErrors.invalid(
                                fields.locationOf("maxEvidenceAge"),
                                fields.pathOf("maxEvidenceAge"),
                                "'" + t + "' is not a positive duration",
                                "write a duration such as 30d, 12h or P30D"))))
                .orElse(ReadinessSettings.defaults());
    }

    private static ClientPolicy security(Fields fields) {
        return new ClientPolicy(
                new java.util.LinkedHashSet<>(fields.textOrList("allowConfigProviders")),
                new java.util.LinkedHashSet<>(fields.textOrList("allowInsecureEndpoints")));
    }

    private static ConnectionProfile profile(
            Path workspaceDir, YamlNode.Entry entry, String path, ClientPolicy policy) {
        if (!entry.key().matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw ConfigErrors.invalid(
                    entry.keyLocation(),
                    path,
                    "profile name '" + entry.key() + "' has characters other than letters, digits, '-' and '_'",
                    "rename the profile, e.g. 'source' or 'target-eu'");
        }
        Fields fields = Fields.of(entry.value(), path).allowOnly(PROFILE_KEYS);
        Map<String, String> properties = new LinkedHashMap<>();
        fields.text("propertiesFile")
                .ifPresent(f -> properties.putAll(
                        readPropertiesFile(workspaceDir, f, fields.locationOf("propertiesFile"), path)));
        fields.node("properties").ifPresent(node -> properties.putAll(properties(node, fields.pathOf("properties"))));
        if (!properties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw ConfigErrors.invalid(
                    entry.value().location(),
                    path + ".properties",
                    "profile '" + entry.key() + "' has no bootstrap.servers",
                    "add 'bootstrap.servers: host:port' under properties (or to its propertiesFile)");
        }
        Duration timeout = fields.text("timeout")
                .map(t -> Durations.parse(t)
                        .orElseThrow(() -> ConfigErrors.invalid(
                                fields.locationOf("timeout"),
                                fields.pathOf("timeout"),
                                "'" + t + "' is not a positive duration",
                                "write a duration such as 500ms, 30s, 2m or 1h")))
                .orElse(ConnectionProfile.DEFAULT_TIMEOUT);
        List<String> jmx = fields.textOrList("jmx");
        for (String url : jmx) {
            if (!url.startsWith("service:jmx:")) {
                throw ConfigErrors.invalid(
                        fields.locationOf("jmx"),
                        fields.pathOf("jmx"),
                        "'" + Redactor.redactText(url) + "' is not a JMX service URL",
                        "write it as service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi");
            }
        }
        java.util.Optional<String> connect = fields.text("connect");
        connect.ifPresent(url -> {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw ConfigErrors.invalid(
                        fields.locationOf("connect"),
                        fields.pathOf("connect"),
                        "'" + Redactor.redactText(url) + "' is not the REST URL of Kafka Connect workers",
                        "write it as http://HOST:8083 or https://HOST:8443 (any worker of the Connect cluster)");
            }
        });
        java.util.Optional<SchemaRegistrySettings> registry = fields.node("schemaRegistry")
                .map(node -> schemaRegistry(
                        workspaceDir, entry.key(), Fields.of(node, fields.pathOf("schemaRegistry")), policy));
        return new ConnectionProfile(
                entry.key(),
                WorkspacePaths.resolveAgainst(workspaceDir, properties),
                jmx,
                timeout,
                policy,
                connect.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
                registry);
    }

    private static SchemaRegistrySettings schemaRegistry(
            Path workspaceDir, String profile, Fields fields, ClientPolicy policy) {
        fields.allowOnly(SchemaRegistrySettings.KEYS);
        String url = fields.text("url")
                .orElseThrow(() -> fields.missing("url", "add 'url: http://HOST:8081' (the registry's REST API)"));
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw ConfigErrors.invalid(
                    fields.locationOf("url"),
                    fields.pathOf("url"),
                    "'" + Redactor.redactText(url) + "' is not a schema registry URL",
                    "write it as http://HOST:8081 or https://HOST:8081 (Apicurio: .../apis/ccompat/v7)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : SchemaRegistrySettings.KEYS) {
            if (key.equals("url")) {
                continue;
            }
            java.util.Optional<String> value = fields.text(key);
            if (value.isEmpty()) {
                continue;
            }
            if (SchemaRegistrySettings.SECRET_KEYS.contains(key) && !Redactor.isOnlyReferences(value.get())) {
                throw ConfigErrors.invalid(
                        fields.locationOf(key),
                        fields.pathOf(key),
                        key + " holds a secret written inline",
                        "keep it out of cutover.yaml: write a reference such as ${file:/secrets/registry.properties:"
                                + key + "} or ${env:REGISTRY_SECRET}");
            }
            settings.put(key, value.get());
        }
        Map<String, String> resolved = new LinkedHashMap<>(WorkspacePaths.resolveAgainst(workspaceDir, settings));
        resolved.replaceAll((key, value) -> key.endsWith(".location")
                        && !Path.of(value).isAbsolute()
                ? workspaceDir.toAbsolutePath().resolve(value).normalize().toString()
                : value);
        return new SchemaRegistrySettings(profile, url, resolved, policy);
    }

    private static Map<String, String> properties(YamlNode node, String path) {
        Fields fields = Fields.of(node, path);
        Map<String, String> properties = new LinkedHashMap<>();
        for (YamlNode.Entry e : fields.mapping().entries()) {
            String keyPath = path + "." + e.key();
            if (e.value() instanceof YamlNode.Mapping) {
                throw ConfigErrors.invalid(
                        e.value().location(),
                        keyPath,
                        "Kafka property '" + e.key() + "' has nested keys",
                        "write Kafka properties flat with dots, as in client.properties: '" + e.key()
                                + ".something: value'");
            }
            properties.put(e.key(), Fields.scalar(e.value(), keyPath));
        }
        return properties;
    }

    private static Map<String, String> readPropertiesFile(
            Path workspaceDir, String relative, Location at, String path) {
        Path file = workspaceDir.resolve(relative);
        Map<String, String> result = new LinkedHashMap<>();
        try (Reader reader = new StringReader(InputFiles.readText(file))) {
            Properties properties = new Properties();
            properties.load(reader);
            properties.stringPropertyNames().stream().sorted().forEach(k -> result.put(k, properties.getProperty(k)));
        } catch (InputFiles.UnreadableFileException e) {
            throw ConfigErrors.invalid(
                    at,
                    path + ".propertiesFile",
                    file + " " + e.problem(),
                    "point it at a regular UTF-8 file of at most " + InputFiles.mebibytes(InputFiles.MAX_BYTES)
                            + "; a relative path is relative to the workspace directory " + workspaceDir);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape; its message quotes the file's text.
            throw ConfigErrors.invalid(
                    at,
                    path + ".propertiesFile",
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
                    "check the file's escapes (\\uXXXX); it is relative to the workspace directory " + workspaceDir);
        }
        return result;
    }
}
