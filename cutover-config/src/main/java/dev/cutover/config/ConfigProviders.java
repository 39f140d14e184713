package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * Adds Kafka's built-in config providers to client properties so {@code ${env:X}}, {@code ${file:path:key}} and
 * {@code ${directory:path:file}} references resolve when the client is constructed.
 *
 * <p>Kafka 4.x clients check the JVM system property {@value AbstractConfig#AUTOMATIC_CONFIG_PROVIDERS_PROPERTY}:
 * unset, every provider class is allowed; set, only the comma-separated class names it lists, and a client whose
 * {@code config.providers} names any other class fails to construct. We therefore add only the providers that
 * property allows, and fail early, naming the property, when a value references one it forbids.
 */
final class ConfigProviders {
    static final String PROVIDERS = "config.providers";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]*):");
    private static final Map<String, String> BUILT_IN = builtIn();

    private ConfigProviders() {}

    private static Map<String, String> builtIn() {
        Map<String, String> providers = new LinkedHashMap<>();
        providers.put("env", EnvVarConfigProvider.class.getName());
        providers.put("file", FileConfigProvider.class.getName());
        providers.put("directory", DirectoryConfigProvider.class.getName());
        return Collections.unmodifiableMap(providers);
    }

    static Map<String, Object> withDefaults(String profile, Map<String, String> properties) {
        Map<String, Object> result = new LinkedHashMap<>(properties);
        Set<String> configured = new LinkedHashSet<>(split(properties.getOrDefault(PROVIDERS, "")));
        Optional<Set<String>> allowlist = allowlist();
        List<String> added = new ArrayList<>();
        BUILT_IN.forEach((providerName, className) -> {
            boolean userDefined = configured.contains(providerName) || properties.containsKey(classKey(providerName));
            boolean allowed = allowlist.map(a -> a.contains(className)).orElse(true);
            if (!userDefined && allowed) {
                added.add(providerName);
                result.put(classKey(providerName), className);
            }
        });
        configured.addAll(added);
        if (!configured.isEmpty()) {
            result.put(PROVIDERS, String.join(",", configured));
        }
        checkReferences(profile, properties, configured, allowlist);
        return Collections.unmodifiableMap(result);
    }

    private static void checkReferences(
            String profile, Map<String, String> properties, Set<String> configured, Optional<Set<String>> allowlist) {
        properties.forEach((key, value) -> {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String provider = m.group(1);
                if (configured.contains(provider)) {
                    continue;
                }
                if (BUILT_IN.containsKey(provider) && allowlist.isPresent()) {
                    throw new CutoverException(
                            Reason.CONFIG_INVALID,
                            "profile '" + profile + "': " + key + " references the '" + provider
                                    + "' config provider, but the JVM system property "
                                    + AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY + " ("
                                    + String.join(",", allowlist.get()) + ") does not allow "
                                    + BUILT_IN.get(provider),
                            "add " + BUILT_IN.get(provider) + " to -D"
                                    + AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY
                                    + " (comma-separated class names) or remove that property");
                }
                throw new CutoverException(
                        Reason.CONFIG_INVALID,
                        "profile '" + profile + "': " + key + " references config provider '" + provider
                                + "', which is not configured",
                        "use env, file or directory, or configure it: config.providers=" + provider
                                + " and config.providers." + provider + ".class=<class>");
            }
        });
    }

    private static Optional<Set<String>> allowlist() {
        String property = System.getProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);
        return property == null ? Optional.empty() : Optional.of(new LinkedHashSet<>(split(property)));
    }

    private static String classKey(String providerName) {
        return PROVIDERS + "." + providerName + ".class";
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
