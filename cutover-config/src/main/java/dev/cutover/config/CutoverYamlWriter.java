package dev.cutover.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a {@code cutover.yaml} that {@link Workspace#load} reads back. Secret values, whether passed as
 * {@link ProfileSpec#secrets()} or found among the plain properties by {@link Redactor#isSecret}, go to
 * {@code .secrets/} through {@link SecretFiles} and appear in the file only as references.
 */
public final class CutoverYamlWriter {
    static final String HEADER =
            """
            # cutover workspace: connection profiles (format version 1).
            # Written by cutover; edit freely. Properties are Kafka client properties, as in client.properties.
            # Secrets live in .secrets/ (git-ignored) and are referenced as ${file:...} config-provider values.
            """;

    private CutoverYamlWriter() {}

    /** Writes {@code workspaceDir/cutover.yaml} atomically, replacing any previous one; returns its path. */
    public static Path write(Path workspaceDir, Map<String, ProfileSpec> profiles) {
        Map<String, Object> clusters = new LinkedHashMap<>();
        profiles.forEach((name, spec) -> clusters.put(name, profile(workspaceDir, name, spec)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", CutoverConfig.CURRENT_VERSION);
        document.put("clusters", clusters);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(Integer.MAX_VALUE);
        Path file = workspaceDir.resolve(Workspace.CONFIG_FILE);
        AtomicFiles.write(file, HEADER + new Yaml(options).dump(document));
        return file;
    }

    private static Map<String, Object> profile(Path workspaceDir, String name, ProfileSpec spec) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("profile name must be letters, digits, '-' or '_': " + name);
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>(spec.secrets());
        spec.properties().forEach((key, value) -> {
            if (Redactor.isSecret(key) && !Redactor.isOnlyReferences(value)) {
                secrets.put(key, value);
            } else {
                plain.put(key, value);
            }
        });
        if (!secrets.isEmpty()) {
            plain.putAll(SecretFiles.write(workspaceDir, name, secrets));
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("properties", plain);
        if (spec.jmxUrls().size() == 1) {
            profile.put("jmx", spec.jmxUrls().get(0));
        } else if (!spec.jmxUrls().isEmpty()) {
            profile.put("jmx", List.copyOf(spec.jmxUrls()));
        }
        profile.put("timeout", Durations.format(spec.timeout()));
        return profile;
    }
}
