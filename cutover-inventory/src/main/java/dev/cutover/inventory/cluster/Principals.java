package dev.cutover.inventory.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a set of client properties authenticates as, in words safe to print, and which of their values are secrets. Only
 * the user name is taken from a JAAS config; the password and the JAAS text never leave this class except to be
 * blanked out of messages.
 */
final class Principals {
    private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*\"?([^\"\\s;]+)\"?");
    private static final Pattern KERBEROS = Pattern.compile("\\bprincipal\\s*=\\s*\"?([^\"\\s;]+)\"?");
    private static final Pattern OAUTH_CLIENT = Pattern.compile("\\bclientId\\s*=\\s*\"?([^\"\\s;]+)\"?");
    private static final Pattern QUOTED_SECRET = Pattern.compile(
            "\\b(?:password|clientSecret)\\s*=\\s*\"([^\"]*)\"|\\b(?:password|clientSecret)\\s*=\\s*([^\\s;]+)");

    private Principals() {}

    /**
     * The properties with config-provider references ({@code ${file:...}}, {@code ${env:...}}) resolved, the way a
     * client will see them, so that the principal can be named and the real secret values scrubbed from messages.
     * Falls back to the properties as given if they do not resolve (building the client will then report why).
     */
    static Map<String, Object> resolved(Map<String, Object> props) {
        try {
            return new org.apache.kafka.clients.admin.AdminClientConfig(props).originals();
        } catch (RuntimeException e) {
            return props;
        }
    }

    /** The SASL mechanism, if SASL is used, else {@code null}. */
    static String saslMechanism(Map<String, Object> props) {
        String protocol = string(props, "security.protocol").toUpperCase(Locale.ROOT);
        if (!protocol.startsWith("SASL")) {
            return null;
        }
        String mechanism = string(props, "sasl.mechanism");
        return mechanism.isEmpty() ? "GSSAPI" : mechanism;
    }

    /** The principal, e.g. {@code User:alice}, or a description where the name is not in the properties. */
    static String describe(Map<String, Object> props) {
        String protocol = string(props, "security.protocol").toUpperCase(Locale.ROOT);
        if (protocol.startsWith("SASL")) {
            String jaas = string(props, "sasl.jaas.config");
            String mechanism = saslMechanism(props);
            Pattern pattern =
                    "GSSAPI".equals(mechanism) ? KERBEROS : "OAUTHBEARER".equals(mechanism) ? OAUTH_CLIENT : USERNAME;
            Matcher m = pattern.matcher(jaas);
            return m.find() ? "User:" + m.group(1) : "the " + mechanism + " user (name not in sasl.jaas.config)";
        }
        if (protocol.equals("SSL")) {
            String keystore = string(props, "ssl.keystore.location");
            return keystore.isEmpty() ? "User:ANONYMOUS" : "the subject of the client certificate in " + keystore;
        }
        return "User:ANONYMOUS";
    }

    /** Values that must not appear in any message: passwords, keys, secrets, and the JAAS config with its parts. */
    static List<String> secrets(Map<String, Object> props) {
        List<String> secrets = new ArrayList<>();
        props.forEach((key, value) -> {
            String k = key.toLowerCase(Locale.ROOT);
            String v = value == null ? "" : String.valueOf(value);
            if (v.length() < 3) {
                return;
            }
            boolean secret = k.contains("password")
                    || k.contains("secret")
                    || k.endsWith("jaas.config")
                    || k.endsWith(".key")
                    || k.contains("keystore.key")
                    || k.contains("certificate.chain")
                    || k.contains("truststore.certificates");
            if (secret) {
                secrets.add(v);
            }
            if (k.endsWith("jaas.config")) {
                Matcher m = QUOTED_SECRET.matcher(v);
                while (m.find()) {
                    String s = m.group(1) != null ? m.group(1) : m.group(2);
                    if (s != null && !s.isEmpty()) {
                        secrets.add(s);
                    }
                }
            }
        });
        return secrets;
    }

    /** The text with every secret of the properties replaced by {@code [redacted]}, then scrubbed by structure. */
    static String redact(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        // Whole values at token boundaries only: replacing a short password inside words garbles the text in a way
        // that shows the password ("ne[redacted] Net[redacted]orkClient").
        return dev.cutover.config.Redactor.redactValues(text, secrets);
    }

    private static String string(Map<String, Object> props, String key) {
        Object value = props.get(key);
        return value == null ? "" : String.valueOf(value).trim();
    }
}
