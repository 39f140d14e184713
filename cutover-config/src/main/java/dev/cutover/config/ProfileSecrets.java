package dev.cutover.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * Makes a profile's secrets known to {@link Redactor} before any client sees them, so that no message, log line or
 * report can show them even when Kafka quotes them (an invalid {@code bootstrap.servers}, a JAAS fragment in a
 * warning): inline values of secret keys and of JAAS options such as {@code password}, and every value a reference
 * to one of Kafka's own config providers resolves to. A resolved value is replaced by the reference it came from
 * ({@code ${file:/s.properties:bs}}), so messages still say where to look.
 *
 * <p>Resolved values also pass {@link ClientPolicy#checkResolved}: a JAAS config read from a file may not name a
 * login module that the profile could not name inline.
 */
final class ProfileSecrets {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(?:[^}]*?:)?[^}]*?}");
    private static final Pattern JAAS_SECRET_OPTION = Pattern.compile(
            "\\b([A-Za-z0-9_.]*(?:password|secret|token|credential)[A-Za-z0-9_.]*)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s;\"]+)",
            Pattern.CASE_INSENSITIVE);

    private ProfileSecrets() {}

    /** Remembers the inline secrets of a profile's properties (those that are not references). */
    static void rememberInline(Map<String, String> properties) {
        properties.forEach((key, value) -> {
            if (value == null || ClientPolicy.hasReference(value)) {
                return;
            }
            if (Redactor.isSecret(key)) {
                Redactor.remember(value);
            }
            rememberJaasOptions(value);
        });
    }

    /**
     * Resolves the references to Kafka's own providers among {@code properties} (the provider names mapped to their
     * classes in {@code classes}), remembers every resolved value and checks it against {@code policy}.
     */
    static void resolveAndRemember(
            String profile, Map<String, String> properties, Map<String, String> classes, ClientPolicy policy) {
        Map<String, ConfigProvider> providers = builtInProviders(classes);
        try {
            ConfigTransformer transformer = new ConfigTransformer(providers);
            properties.forEach((key, value) -> {
                if (!ClientPolicy.hasReference(value)) {
                    return;
                }
                Matcher m = REFERENCE.matcher(value);
                boolean all = true;
                while (m.find()) {
                    String reference = m.group();
                    if (!providers.containsKey(m.group(1))) {
                        all = false;
                        continue;
                    }
                    String piece = resolve(transformer, reference);
                    if (piece == null) {
                        all = false;
                        continue;
                    }
                    Redactor.remember(piece, reference);
                    rememberJaasOptions(piece);
                }
                String resolved = resolve(transformer, value);
                if (resolved != null && all) {
                    Redactor.remember(resolved, Redactor.isOnlyReferences(value) ? value.strip() : Redactor.REDACTED);
                    rememberJaasOptions(resolved);
                    policy.checkResolved(profile, key, resolved);
                }
            });
        } finally {
            providers.values().forEach(ProfileSecrets::closeQuietly);
        }
    }

    /**
     * {@code properties} with every value whose references all resolve through Kafka's built-in providers among
     * {@code classes} replaced by its resolved value (already remembered by {@link #resolveAndRemember}); other values
     * as they are. Never print the result.
     */
    static Map<String, String> resolved(Map<String, String> properties, Map<String, String> classes) {
        Map<String, ConfigProvider> providers = builtInProviders(classes);
        try {
            ConfigTransformer transformer = new ConfigTransformer(providers);
            Map<String, String> out = new LinkedHashMap<>();
            properties.forEach((key, value) -> {
                String r = ClientPolicy.hasReference(value) ? resolve(transformer, value) : null;
                out.put(key, r == null || ClientPolicy.hasReference(r) ? value : r);
            });
            return out;
        } finally {
            providers.values().forEach(ProfileSecrets::closeQuietly);
        }
    }

    /** The built-in providers among {@code classes}, configured, by name; the caller closes them. */
    private static Map<String, ConfigProvider> builtInProviders(Map<String, String> classes) {
        Map<String, ConfigProvider> providers = new LinkedHashMap<>();
        classes.forEach((name, className) -> {
            ConfigProvider provider = builtIn(className);
            if (provider != null) {
                provider.configure(Map.of());
                providers.put(name, provider);
            }
        });
        return providers;
    }

    private static String resolve(ConfigTransformer transformer, String value) {
        try {
            String resolved = transformer.transform(Map.of("v", value)).data().get("v");
            return resolved == null || resolved.equals(value) ? null : resolved;
        } catch (RuntimeException e) {
            // The client reports what does not resolve; here we only learn values.
            return null;
        }
    }

    private static void rememberJaasOptions(String text) {
        Matcher m = JAAS_SECRET_OPTION.matcher(text);
        while (m.find()) {
            String value = m.group(3) != null ? m.group(3) : m.group(2);
            if (!ClientPolicy.hasReference(value)) {
                Redactor.remember(value);
            }
        }
    }

    private static ConfigProvider builtIn(String className) {
        if (className.equals(FileConfigProvider.class.getName())) {
            return new FileConfigProvider();
        }
        if (className.equals(DirectoryConfigProvider.class.getName())) {
            return new DirectoryConfigProvider();
        }
        if (className.equals(EnvVarConfigProvider.class.getName())) {
            return new EnvVarConfigProvider();
        }
        return null;
    }

    private static void closeQuietly(ConfigProvider provider) {
        try {
            provider.close();
        } catch (Exception e) {
            // nothing held that matters
        }
    }
}
