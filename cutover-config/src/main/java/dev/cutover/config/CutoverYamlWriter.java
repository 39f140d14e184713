package dev.cutover.config;

import dev.cutover.config.yaml.YamlNode;
import dev.cutover.config.yaml.YamlReader;
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

    /**
     * Writes {@code workspaceDir/cutover.yaml} atomically, replacing any previous one's profiles; returns its path. A
     * {@code links:} section in the previous file is kept as written (the sandbox rewrites the profiles at every start,
     * the links are the user's).
     */
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
        String links = keptLinks(file);
        AtomicFiles.write(file, HEADER + new Yaml(options).dump(document) + (links.isEmpty() ? "" : "\n" + links));
        return file;
    }

    /** The previous file's top-level {@code links:} section, verbatim, or empty (no file, no section, not YAML). */
    static String keptLinks(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return "";
        }
        try {
            String text = InputFiles.readText(file);
            if (!(YamlReader.readDocument(file.toString(), text) instanceof YamlNode.Mapping root)) {
                return "";
            }
            List<YamlNode.Entry> entries = root.entries();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).key().equals("links")) {
                    List<String> lines = text.lines().toList();
                    int from = entries.get(i).keyLocation().line() - 1;
                    int to = i + 1 < entries.size()
                            ? entries.get(i + 1).keyLocation().line() - 1
                            : lines.size();
                    return String.join("\n", lines.subList(from, to)).stripTrailing() + "\n";
                }
            }
            return "";
        } catch (RuntimeException e) {
            return "";
        }
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
        spec.schemaRegistryUrl().ifPresent(url -> profile.put("schemaRegistry", Map.of("url", url)));
        profile.put("timeout", Durations.format(spec.timeout()));
        return profile;
    }
}
