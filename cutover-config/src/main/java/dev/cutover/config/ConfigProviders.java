package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>Kafka leaves a reference it cannot resolve in place, or fails deep inside client construction; so references
 * to the built-in providers are checked here (the variable is set, the file or directory exists) and reported with
 * the profile and property they come from.
 */
final class ConfigProviders {
    static final String PROVIDERS = "config.providers";
    /** Kafka's own variable syntax ({@code ConfigTransformer}): provider, optional path, key. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)}");

    private static final Map<String, String> BUILT_IN = builtIn();

    private ConfigProviders() {}

    private static Map<String, String> builtIn() {
        Map<String, String> providers = new LinkedHashMap<>();
        providers.put("env", EnvVarConfigProvider.class.getName());
        providers.put("file", FileConfigProvider.class.getName());
        providers.put("directory", DirectoryConfigProvider.class.getName());
        return Collections.unmodifiableMap(providers);
    }

    static Map<String, Object> withDefaults(String profile, Map<String, String> properties, ClientPolicy policy) {
        Map<String, Object> result = new LinkedHashMap<>(properties);
        Set<String> listed = new LinkedHashSet<>(split(properties.getOrDefault(PROVIDERS, "")));
        Optional<Set<String>> allowlist = allowlist();
        Map<String, String> classes = new LinkedHashMap<>();
        for (String name : listed) {
            Optional.ofNullable(properties.get(classKey(name))).ifPresent(c -> classes.put(name, c));
        }
        classes.forEach((name, className) -> {
            if (allowlist.isPresent() && !allowlist.get().contains(className)) {
                throw notAllowed(profile, classKey(name), name, className, allowlist.get());
            }
        });
        BUILT_IN.forEach((name, className) -> {
            boolean allowed = allowlist.map(a -> a.contains(className)).orElse(true);
            if (!properties.containsKey(classKey(name)) && allowed) {
                classes.put(name, className);
                result.put(classKey(name), className);
            }
        });
        listed.addAll(classes.keySet());
        if (!listed.isEmpty()) {
            result.put(PROVIDERS, String.join(",", listed));
        }
        classes.values().forEach(className -> checkLoadable(profile, className));
        checkReferences(profile, properties, classes, allowlist);
        ProfileSecrets.resolveAndRemember(profile, properties, classes, policy);
        return Collections.unmodifiableMap(result);
    }

    /**
     * The profile's properties with references to the built-in providers resolved and no {@code config.providers}
     * settings: for clients that do not have those providers (kafka-clients before 3.5 lack {@code env}, librdkafka
     * has none). Validates and remembers like {@link #withDefaults}.
     */
    static Map<String, String> resolved(String profile, Map<String, String> properties, ClientPolicy policy) {
        Map<String, Object> with = withDefaults(profile, properties, policy);
        Map<String, String> classes = new LinkedHashMap<>();
        split(String.valueOf(with.getOrDefault(PROVIDERS, "")))
                .forEach(name -> Optional.ofNullable(with.get(classKey(name)))
                        .ifPresent(c -> classes.put(name, String.valueOf(c))));
        Map<String, String> out = new LinkedHashMap<>(ProfileSecrets.resolved(properties, classes));
        out.keySet().removeIf(k -> k.equals(PROVIDERS) || k.startsWith(PROVIDERS + "."));
        return Collections.unmodifiableMap(out);
    }

    private static void checkReferences(
            String profile,
            Map<String, String> properties,
            Map<String, String> classes,
            Optional<Set<String>> allowlist) {
        properties.forEach((key, value) -> {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String provider = m.group(1);
                String className = classes.get(provider);
                if (className == null && BUILT_IN.containsKey(provider) && allowlist.isPresent()) {
                    throw notAllowed(profile, key, provider, BUILT_IN.get(provider), allowlist.get());
                }
                if (className == null) {
                    throw new CutoverException(
                            Reason.CONFIG_INVALID,
                            "profile '" + profile + "': " + key + " references config provider '" + provider
                                    + "', which is not configured",
                            "use env, file or directory, or configure it: config.providers=" + provider
                                    + " and config.providers." + provider + ".class=<class>");
                }
                checkTarget(profile, key, className, Optional.ofNullable(m.group(3)), m.group(4));
            }
        });
    }

    /**
     * A provider class that {@code cutover.yaml} allows must be on the class path; looked up as a resource, so that
     * nothing is loaded or initialised before the client loads it.
     */
    private static void checkLoadable(String profile, String className) {
        if (BUILT_IN.containsValue(className)) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader()
                : ConfigProviders.class.getClassLoader();
        if (loader.getResource(className.replace('.', '/') + ".class") == null) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    Workspace.CONFIG_FILE + ": profile '" + profile + "': config provider class "
                            + Redactor.redactText(className) + " is not on cutover's class path",
                    "correct the class name under config.providers.<name>.class, or add its jar to cutover's"
                            + " class path");
        }
    }

    /** For the built-in providers: the variable, file or directory a reference points at must exist. */
    private static void checkTarget(String profile, String key, String className, Optional<String> path, String name) {
        String where = "profile '" + profile + "': " + key + " refers to ";
        if (className.equals(BUILT_IN.get("env")) && System.getenv(name) == null) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    where + "environment variable " + name + ", which is not set",
                    "set " + name + " in the environment cutover runs in, or change the reference");
        }
        if (className.equals(BUILT_IN.get("file")) && path.isPresent() && !Files.isReadable(Path.of(path.get()))) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    where + "file " + path.get() + ", which does not exist or cannot be read",
                    "create the file (a .properties file holding '" + name + "') or correct the path");
        }
        if (className.equals(BUILT_IN.get("directory"))
                && path.isPresent()
                && !Files.isDirectory(Path.of(path.get()))) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    where + "directory " + path.get() + ", which does not exist",
                    "create the directory (one file per secret, named '" + name + "') or correct the path");
        }
    }

    private static CutoverException notAllowed(
            String profile, String key, String provider, String className, Set<String> allowlist) {
        return new CutoverException(
                Reason.CONFIG_INVALID,
                "profile '" + profile + "': " + key + " needs the '" + provider + "' config provider ("
                        + className + "), but the JVM system property "
                        + AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY + "=" + String.join(",", allowlist)
                        + " does not allow it",
                "add " + className + " to -D" + AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY
                        + " (comma-separated class names) or remove that property");
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
