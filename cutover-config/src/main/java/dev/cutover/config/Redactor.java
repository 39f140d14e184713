package dev.cutover.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Keeps secrets out of reports, logs and messages.
 *
 * <p>A key is secret when Kafka declares it {@code PASSWORD} in the producer, consumer or admin config, or when its
 * name looks like one: {@code sasl.jaas.config}, anything with {@code password}, {@code secret}, {@code token},
 * {@code credential}, {@code private.key}, {@code api.key}, {@code user.info}, or ending in {@code .key}. Names are
 * compared after lower-casing and turning {@code _} and {@code -} into {@code .}, so {@code KAFKA_SASL_PASSWORD}
 * and {@code ssl.key-password} count too. Keys that only configure where or how a secret is kept
 * ({@code ssl.keystore.location}, {@code *.type}, {@code *.url}, {@code *.ms}, {@code *.class}) are not secret,
 * nor are {@code key.serializer}/{@code key.deserializer}.
 *
 * <p>A value that consists only of config-provider references ({@code ${file:/secrets/x.properties:jaas}}) is
 * shown as-is: it names where a secret lives, not the secret, and seeing it helps to debug a profile. Any other
 * value of a secret key becomes {@value #REDACTED}; values of other keys pass through {@link #redactText}.
 */
public final class Redactor {
    public static final String REDACTED = "[redacted]";

    private static final Set<String> KAFKA_PASSWORD_KEYS = Stream.of(
                    ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
            .flatMap(def -> def.configKeys().values().stream())
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toUnmodifiableSet());
    private static final List<String> SECRET_WORDS = List.of(
            "password",
            "passwd",
            "secret",
            "token",
            "credential",
            "private.key",
            "privatekey",
            "api.key",
            "apikey",
            "user.info",
            "jaas",
            "passphrase");
    private static final List<String> NOT_SECRET_SUFFIXES = List.of(
            ".location",
            ".type",
            ".url",
            ".urls",
            ".uri",
            ".ms",
            ".seconds",
            ".class",
            ".classes",
            ".algorithm",
            ".enabled",
            ".enable",
            ".file",
            ".path",
            ".header.name",
            ".mechanism",
            ".provider",
            ".serializer",
            ".deserializer",
            ".size",
            ".method",
            ".scope.claim.name",
            ".sub.claim.name",
            ".expected.audience",
            ".expected.issuer");
    private static final Pattern PURE_REFERENCES = Pattern.compile("(\\s*\\$\\{[^}:]+:[^}]*}\\s*)+");
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(-----END \\1PRIVATE KEY-----|$)", Pattern.DOTALL);
    private static final Pattern AUTH_HEADER =
            Pattern.compile("\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{4,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?<![A-Za-z0-9+._-])([a-zA-Z][a-zA-Z0-9+._-]*://)([^/\\s:@\"']+):([^/\\s\"']+)@");
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|credentials?|api[_.-]?key|user[_.-]?info)"
                    + "[A-Za-z0-9_.-]*)([\"']?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}]+)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Values shorter than this are never replaced by value: a short password ("w") matches parts of unrelated text,
     * and what such a replacement garbles would reveal the password. Structure ({@code password=...}, JAAS options,
     * URL user info, secret keys) still redacts them.
     */
    static final int MIN_KNOWN_VALUE_LENGTH = 4;

    /** Secret values known to this process (resolved provider values, inline passwords), longest first. */
    private static final Map<String, String> KNOWN = new java.util.concurrent.ConcurrentSkipListMap<>(
            java.util.Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));

    private Redactor() {}

    /**
     * Remembers a secret value for the rest of this process: from now on {@link #redactText} replaces it, wherever it
     * appears as a whole token, by {@code replacement} (a reference such as {@code ${file:/s.properties:bs}} or
     * {@value #REDACTED}). Values shorter than {@value #MIN_KNOWN_VALUE_LENGTH} characters are ignored (see there).
     */
    public static void remember(String value, String replacement) {
        if (value != null && value.strip().length() >= MIN_KNOWN_VALUE_LENGTH && !value.equals(replacement)) {
            KNOWN.putIfAbsent(value.strip(), replacement);
        }
    }

    /** As {@link #remember(String, String)} with {@value #REDACTED} as the replacement. */
    public static void remember(String value) {
        remember(value, REDACTED);
    }

    /**
     * The text with each of {@code values} replaced by {@value #REDACTED} where it stands as a whole token (not
     * preceded or followed by a letter or digit), then scrubbed by {@link #redactText}. A value shorter than
     * {@value #MIN_KNOWN_VALUE_LENGTH} characters is left to structure-based redaction.
     */
    public static String redactValues(String text, java.util.Collection<String> values) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values.stream()
                .filter(v -> v != null && v.strip().length() >= MIN_KNOWN_VALUE_LENGTH)
                .map(String::strip)
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .toList()) {
            result = replaceToken(result, value, REDACTED);
        }
        return redactText(result);
    }

    private static String replaceToken(String text, String value, String replacement) {
        if (!text.contains(value)) {
            return text;
        }
        Pattern token = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(value) + "(?![A-Za-z0-9])");
        return token.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** Whether values of this key must never be shown. */
    public static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        if (KAFKA_PASSWORD_KEYS.contains(key)) {
            return true;
        }
        String k = normalise(key);
        if (KAFKA_PASSWORD_KEYS.contains(k) || k.endsWith("sasl.jaas.config")) {
            return true;
        }
        if (NOT_SECRET_SUFFIXES.stream().anyMatch(k::endsWith)) {
            return false;
        }
        return SECRET_WORDS.stream().anyMatch(k::contains) || k.endsWith(".key") || k.equals("key");
    }

    /** The map with secret values replaced by {@value #REDACTED}, in the same order; values as text. */
    public static Map<String, String> redact(Map<String, ?> properties) {
        Map<String, String> result = new LinkedHashMap<>();
        properties.forEach((key, value) -> result.put(key, redactValue(key, value == null ? null : value.toString())));
        return Collections.unmodifiableMap(result);
    }

    /** One value as it may be shown. */
    public static String redactValue(String key, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(key)) {
            return isOnlyReferences(value) ? value : REDACTED;
        }
        return redactText(value);
    }

    /** Whether the value is nothing but config-provider references, which hold no secret themselves. */
    public static boolean isOnlyReferences(String value) {
        return PURE_REFERENCES.matcher(value).matches();
    }

    /**
     * Scrubs free text: secret values this process knows ({@link #remember}), PEM private keys, {@code Bearer}/{@code Basic} credentials, passwords in URLs
     * ({@code user:pass@host}) and {@code password=...}-style assignments (JAAS, properties, JSON, query strings).
     */
    public static String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> known : KNOWN.entrySet()) {
            result = replaceToken(result, known.getKey(), known.getValue());
        }
        result = PEM_PRIVATE_KEY.matcher(result).replaceAll("[redacted private key]");
        result = AUTH_HEADER.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + REDACTED));
        result = URL_USER_INFO
                .matcher(result)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + ":" + REDACTED + "@"));
        result = SECRET_ASSIGNMENT.matcher(result).replaceAll(m -> {
            String value = m.group(3);
            if (isOnlyReferences(value.replaceAll("^[\"']|[\"']$", "")) || value.equals(REDACTED)) {
                return Matcher.quoteReplacement(m.group());
            }
            String quote = value.startsWith("\"") ? "\"" : value.startsWith("'") ? "'" : "";
            return Matcher.quoteReplacement(m.group(1) + m.group(2) + quote + REDACTED + quote);
        });
        return result;
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }
}
