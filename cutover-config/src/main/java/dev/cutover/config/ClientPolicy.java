package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * Which client settings cutover refuses, whatever the JVM's Kafka system properties say ({@code CUTOVER_JAVA_OPTS} can
 * switch Kafka's own guards off): a profile may use only the SASL login modules Kafka ships (and Kerberos), OAuth
 * token and JWKS endpoints over https, and Kafka's own config providers. {@code cutover.yaml} can allow more,
 * explicitly:
 *
 * <pre>{@code
 * security:
 *   allowConfigProviders: [com.example.VaultConfigProvider]   # config provider classes besides Kafka's own
 *   allowInsecureEndpoints: [http://localhost:8080/token]     # OAuth endpoint URLs that are not https
 * }</pre>
 *
 * <p>Checks are on the values as written ({@link #check}) and, for values that are config-provider references, on
 * what they resolve to ({@link #checkResolved}), before a client is made and before any class a profile names is
 * loaded. A refusal is {@link Reason#CONFIG_INVALID} (exit 2) naming the profile, the key and the fix.
 */
public record ClientPolicy(Set<String> allowedConfigProviders, Set<String> allowedInsecureEndpoints) {
    /** No extra config providers, no insecure endpoints. */
    public static final ClientPolicy DEFAULT = new ClientPolicy(Set.of(), Set.of());

    /** The login modules Kafka ships for its SASL mechanisms, and the JDK's Kerberos module for GSSAPI. */
    public static final Set<String> LOGIN_MODULES = Set.of(
            "org.apache.kafka.common.security.plain.PlainLoginModule",
            "org.apache.kafka.common.security.scram.ScramLoginModule",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
            "com.sun.security.auth.module.Krb5LoginModule");

    /** Kafka's own config providers. */
    public static final Set<String> KAFKA_CONFIG_PROVIDERS = Set.of(
            FileConfigProvider.class.getName(),
            DirectoryConfigProvider.class.getName(),
            EnvVarConfigProvider.class.getName());

    static final List<String> ENDPOINT_KEYS =
            List.of(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, SaslConfigs.SASL_OAUTHBEARER_JWKS_ENDPOINT_URL);

    private static final Pattern PROVIDER_CLASS = Pattern.compile("config\\.providers\\.([^.]+)\\.class");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final String FILE = Workspace.CONFIG_FILE;

    public ClientPolicy {
        allowedConfigProviders = Collections.unmodifiableSet(new LinkedHashSet<>(allowedConfigProviders));
        allowedInsecureEndpoints = Collections.unmodifiableSet(new LinkedHashSet<>(allowedInsecureEndpoints));
    }

    /**
     * Refuses the dangerous settings among a profile's properties as written; references are checked once resolved.
     *
     * @throws CutoverException ({@link Reason#CONFIG_INVALID}) naming the profile and the key
     */
    public void check(String profile, Map<String, String> properties) {
        properties.forEach((key, value) -> {
            Matcher provider = PROVIDER_CLASS.matcher(key);
            if (provider.matches()) {
                checkProvider(profile, key, value.strip());
            } else if (!hasReference(value)) {
                checkResolved(profile, key, value);
            }
        });
    }

    /**
     * Refuses a value (as written, or resolved from a config provider) of {@code sasl.jaas.config} that names a login
     * module outside {@link #LOGIN_MODULES}, or of an OAuth endpoint URL that is not https and not allowed.
     */
    public void checkResolved(String profile, String key, String value) {
        if (key.equals(SaslConfigs.SASL_JAAS_CONFIG)) {
            for (String module : loginModules(value)) {
                if (!LOGIN_MODULES.contains(module)) {
                    throw refused(
                            profile,
                            key,
                            "names the login module " + Redactor.redactText(module)
                                    + ", which is not one Kafka ships for SASL",
                            "use PlainLoginModule, ScramLoginModule or OAuthBearerLoginModule of"
                                    + " org.apache.kafka.common.security (or com.sun.security.auth.module"
                                    + ".Krb5LoginModule for GSSAPI); JNDI and LDAP login modules are never allowed");
                }
            }
        }
        if (ENDPOINT_KEYS.contains(key) && !isHttps(value) && !allowedInsecureEndpoints.contains(value.strip())) {
            throw refused(
                    profile,
                    key,
                    "is not an https URL",
                    "use https, or, for a test setup, list the URL in " + FILE
                            + " under security: allowInsecureEndpoints: [...]");
        }
    }

    /** Warnings about settings that are allowed but unsafe (unsigned OAuth tokens, an allowed insecure endpoint). */
    public List<String> warnings(String profile, Map<String, String> properties) {
        List<String> warnings = new ArrayList<>();
        String mechanism = properties.getOrDefault(SaslConfigs.SASL_MECHANISM, "");
        if (mechanism.strip().equalsIgnoreCase("OAUTHBEARER")
                && !properties.containsKey(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL)
                && !properties.containsKey(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS)) {
            warnings.add("profile '" + profile + "': sasl.mechanism OAUTHBEARER without "
                    + SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL
                    + " sends Kafka's unsecured (unsigned) tokens; fine for a test cluster, never for production");
        }
        for (String key : ENDPOINT_KEYS) {
            String value = properties.get(key);
            if (value != null && !hasReference(value) && !isHttps(value)) {
                warnings.add("profile '" + profile + "': " + key + " is not https (allowed in " + FILE
                        + "): tokens and keys travel unprotected");
            }
        }
        return warnings;
    }

    private void checkProvider(String profile, String key, String className) {
        if (!KAFKA_CONFIG_PROVIDERS.contains(className) && !allowedConfigProviders.contains(className)) {
            throw refused(
                    profile,
                    key,
                    "names " + Redactor.redactText(className) + ", which is not one of Kafka's config providers"
                            + " (FileConfigProvider, DirectoryConfigProvider, EnvVarConfigProvider)",
                    "use ${file:...}, ${directory:...} or ${env:...} references, which need no config.providers"
                            + " settings, or allow the class explicitly in " + FILE
                            + " under security: allowConfigProviders: [...]");
        }
    }

    /** The login module class names of a JAAS configuration: the first word of each entry. */
    static List<String> loginModules(String jaas) {
        String withoutStrings = QUOTED.matcher(jaas).replaceAll("\"\"");
        List<String> modules = new ArrayList<>();
        for (String entry : withoutStrings.split(";")) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) {
                modules.add(trimmed.split("\\s+", 2)[0]);
            }
        }
        return modules;
    }

    static boolean hasReference(String value) {
        return value != null && value.contains("${");
    }

    private static boolean isHttps(String url) {
        return url.strip().toLowerCase(Locale.ROOT).startsWith("https://");
    }

    private static CutoverException refused(String profile, String key, String what, String fix) {
        return new CutoverException(
                Reason.CONFIG_INVALID,
                "profile '" + profile + "': " + key + " " + what + " (" + FILE + ", clusters." + profile
                        + ".properties." + key + "; cutover refuses it: see 'Secrets' in the README)",
                fix);
    }
}
