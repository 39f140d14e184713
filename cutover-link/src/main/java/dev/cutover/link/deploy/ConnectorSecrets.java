package dev.cutover.link.deploy;

import dev.cutover.config.Redactor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule that keeps secrets out of a connector's configuration. Kafka Connect keeps a connector's configuration in
 * its config topic and shows it to anyone who may read its REST API, so a secret may go there only as a config-provider
 * reference ({@code ${file:/etc/kafka/source.properties:sasl.jaas.config}}), which the workers resolve with their own
 * providers when they start the connector.
 *
 * <p>Secret keys are {@link Redactor#isSecret}'s. The value of one must be nothing but references, except {@code
 * sasl.jaas.config}, which may also be a JAAS configuration whose secret options ({@code password}, {@code
 * clientSecret}, any option naming a password, secret, token or credential) are references.
 */
final class ConnectorSecrets {
    /** Kafka's variable syntax ({@code ConfigTransformer}): provider, optional path, key. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)}");

    private static final Pattern JAAS_SECRET_OPTION = Pattern.compile(
            "\\b([A-Za-z0-9_.]*(?:password|secret|token|credential)[A-Za-z0-9_.]*)\\s*=\\s*"
                    + "(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s;\"]+)",
            Pattern.CASE_INSENSITIVE);

    private ConnectorSecrets() {}

    /**
     * The properties that hold a secret inline, each as {@code key} or {@code key (option NAME)} for a JAAS option;
     * never a value.
     */
    static List<String> inline(Map<String, String> properties) {
        List<String> out = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (value == null || !Redactor.isSecret(key) || Redactor.isOnlyReferences(value)) {
                return;
            }
            if (!key.endsWith("sasl.jaas.config")) {
                out.add(key);
                return;
            }
            Matcher m = JAAS_SECRET_OPTION.matcher(value);
            while (m.find()) {
                String option = m.group(3) != null ? m.group(3) : m.group(2);
                if (!Redactor.isOnlyReferences(option)) {
                    out.add(key + " (option " + m.group(1) + ")");
                }
            }
        });
        return out;
    }

    /** The config providers the values reference, by name ({@code file}, {@code env}, ...). */
    static SortedSet<String> providers(Collection<String> values) {
        SortedSet<String> out = new TreeSet<>();
        values.forEach(v -> {
            Matcher m = REFERENCE.matcher(v);
            while (m.find()) {
                out.add(m.group(1));
            }
        });
        return out;
    }

    /** The files and directories that {@code ${file:...}} and {@code ${directory:...}} references name. */
    static SortedSet<String> paths(Collection<String> values) {
        SortedSet<String> out = new TreeSet<>();
        values.forEach(v -> {
            Matcher m = REFERENCE.matcher(v);
            while (m.find()) {
                if ((m.group(1).equals("file") || m.group(1).equals("directory")) && m.group(3) != null) {
                    out.add(m.group(3));
                }
            }
        });
        return out;
    }
}
