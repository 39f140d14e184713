package dev.cutover.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a workspace movable: a relative path in a {@code ${file:PATH:key}} or {@code ${directory:PATH:key}} reference
 * of {@code cutover.yaml} is relative to the workspace directory, not to wherever cutover was started. So a workspace
 * kept in git ({@code ${file:.secrets/source.properties:sasl.jaas.config}}, with {@code .secrets/} git-ignored and
 * filled on each machine) works wherever it is cloned. Absolute paths, other providers and a profile that configures
 * its own provider under the name {@code file} or {@code directory} are left as they are.
 */
final class WorkspacePaths {
    /** Provider, path, key as Kafka's {@code ConfigTransformer} splits them: the path ends at its first ':'. */
    private static final Pattern PATH_REFERENCE = Pattern.compile("\\$\\{(file|directory):([^}:]*):([^}]*)}");

    private WorkspacePaths() {}

    static Map<String, String> resolveAgainst(Path workspaceDir, Map<String, String> properties) {
        Path base = workspaceDir.toAbsolutePath().normalize();
        Map<String, String> result = new LinkedHashMap<>();
        properties.forEach((key, value) -> result.put(key, value == null ? null : resolve(base, properties, value)));
        return result;
    }

    private static String resolve(Path base, Map<String, String> properties, String value) {
        Matcher m = PATH_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String provider = m.group(1);
            String path = m.group(2);
            boolean ownProvider = properties.containsKey(ConfigProviders.PROVIDERS + "." + provider + ".class");
            String replacement = ownProvider || path.isEmpty() || Path.of(path).isAbsolute()
                    ? m.group()
                    : "${" + provider + ":" + base.resolve(path).normalize() + ":" + m.group(3) + "}";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
