package dev.cutover.orchestrator.switching;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Redactor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * The settings a Kafka client needs to connect to one cluster, taken from its profile: {@code bootstrap.servers},
 * {@code security.protocol}, {@code sasl.*} and {@code ssl.*} (the <em>connection keys</em>), as the profile holds
 * them, and the {@code config.providers} settings that their {@code ${provider:...}} references need.
 *
 * <p>Invariant: a secret is never written in clear. A secret key ({@link Redactor#isSecret}) must hold only
 * config-provider references, and a {@code sasl.jaas.config} may name users and modules inline but every secret
 * option ({@code password}, {@code secret}, {@code token}, {@code credential}) must be a reference. A profile that holds
 * a secret inline is refused ({@link Reason#CONFIG_INVALID}) before anything is written: writing it would copy a
 * secret into an application's file, and resolving a reference to write its value is never done.
 *
 * @param profile the profile's name
 * @param settings the connection keys with their values, {@code bootstrap.servers} and {@code security.protocol}
 *     first, then the rest by name
 * @param providers the {@code config.providers.*} keys the references need, each provider's {@code .class} (the
 *     profile's own, else Kafka's built-in {@code env}, {@code file}, {@code directory}) and the profile's
 *     {@code .param.*} keys for it; empty when no value holds a reference
 * @param providerNames the names of those providers, in the order they are first referenced
 */
record ConnectionSettings(
        String profile, Map<String, String> settings, Map<String, String> providers, List<String> providerNames) {
    static final String PROVIDERS = "config.providers";
    /** Kafka's built-in providers, as {@code ConfigProviders} in cutover-config adds them by default. */
    static final Map<String, String> BUILT_IN_PROVIDERS = Map.of(
            "env", EnvVarConfigProvider.class.getName(),
            "file", FileConfigProvider.class.getName(),
            "directory", DirectoryConfigProvider.class.getName());

    /** Kafka's variable syntax ({@code ConfigTransformer}): provider, optional path, key. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(?:[^}]*?:)?[^}]*?}");

    private static final Pattern JAAS_SECRET_OPTION = Pattern.compile(
            "\\b([A-Za-z0-9_.]*(?:password|secret|token|credential)[A-Za-z0-9_.]*)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s;\"]+)",
            Pattern.CASE_INSENSITIVE);

    ConnectionSettings {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        providerNames = List.copyOf(providerNames);
    }

    /** Whether {@code key} is one of the keys a Kafka client uses to connect, which the file switcher manages. */
    static boolean isConnectionKey(String key) {
        return key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                || key.startsWith("sasl.")
                || key.startsWith("ssl.");
    }

    /**
     * The connection settings of {@code profile}.
     *
     * @param writtenTo what they are written to, for the error ("apps/billing/client.properties")
     * @throws CutoverException {@link Reason#CONFIG_INVALID} when the profile holds a secret inline or a reference to
     *     a provider it does not configure
     */
    static ConnectionSettings of(ConnectionProfile profile, String writtenTo) {
        Map<String, String> all = profile.properties();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String first :
                List.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)) {
            if (all.containsKey(first)) {
                settings.put(first, all.get(first));
            }
        }
        all.forEach((key, value) -> {
            if (isConnectionKey(key) && value != null) {
                settings.putIfAbsent(key, value);
            }
        });
        settings.forEach((key, value) -> refuseInlineSecret(profile.name(), key, value, writtenTo));

        Set<String> names = new LinkedHashSet<>();
        settings.values().forEach(value -> {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        Map<String, String> providers = new LinkedHashMap<>();
        for (String name : names) {
            String classKey = PROVIDERS + "." + name + ".class";
            String className = all.getOrDefault(classKey, BUILT_IN_PROVIDERS.get(name));
            if (className == null) {
                throw new CutoverException(
                        Reason.CONFIG_INVALID,
                        "profile '" + profile.name() + "': a connection setting references config provider '" + name
                                + "', which the profile does not configure",
                        "use ${env:...}, ${file:...} or ${directory:...}, or configure it in the profile: " + PROVIDERS
                                + "=" + name + " and " + classKey + "=<class>");
            }
            providers.put(classKey, className);
            String params = PROVIDERS + "." + name + ".param.";
            all.forEach((key, value) -> {
                if (key.startsWith(params)) {
                    providers.put(key, value);
                }
            });
        }
        return new ConnectionSettings(profile.name(), settings, providers, new ArrayList<>(names));
    }

    /**
     * The settings and the provider keys as one properties map, as a client needs them; {@code config.providers}
     * lists the providers.
     */
    Map<String, String> asProperties() {
        Map<String, String> out = new LinkedHashMap<>(settings);
        if (!providerNames.isEmpty()) {
            out.put(PROVIDERS, String.join(",", providerNames));
            out.putAll(providers);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * What a client file must hold after a rewrite: the settings, the provider keys and, when references need
     * providers, {@code config.providers} listing the file's own providers ({@code existingProviders}, kept in their
     * order) followed by the ones missing; an existing list that names them all is kept as written.
     */
    Map<String, String> desiredIn(java.util.Optional<String> existingProviders) {
        Map<String, String> out = new LinkedHashMap<>(settings);
        if (!providerNames.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            existingProviders.ifPresent(list -> {
                for (String name : list.split(",")) {
                    if (!name.isBlank()) {
                        names.add(name.strip());
                    }
                }
            });
            boolean allListed = names.containsAll(providerNames);
            names.addAll(providerNames);
            out.put(PROVIDERS, allListed ? existingProviders.orElseThrow() : String.join(",", names));
            out.putAll(providers);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The names of the keys set, without values: for messages and the journal. */
    List<String> keyNames() {
        return List.copyOf(asProperties().keySet());
    }

    private static void refuseInlineSecret(String profile, String key, String value, String writtenTo) {
        boolean inline;
        if (key.equals(SaslConfigs.SASL_JAAS_CONFIG) && !Redactor.isOnlyReferences(value)) {
            inline = false;
            Matcher m = JAAS_SECRET_OPTION.matcher(value);
            while (m.find()) {
                String option = m.group(3) != null ? m.group(3) : m.group(2);
                boolean flag = option.equalsIgnoreCase("true") || option.equalsIgnoreCase("false");
                inline |= !flag && !Redactor.isOnlyReferences(option);
            }
        } else {
            inline = Redactor.isSecret(key) && !Redactor.isOnlyReferences(value);
        }
        if (inline) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "profile '" + profile + "': " + key + " holds a secret inline; cutover writes secrets into "
                            + writtenTo + " only as config-provider references, never their values",
                    "keep the secret in a file only the client's user can read and refer to it in cutover.yaml, e.g. "
                            + key + ": ${file:.secrets/" + profile + ".properties:" + key
                            + "} (or ${env:VARIABLE}); for sasl.jaas.config, a reference for the whole value or for"
                            + " each password option");
        }
    }
}
