package dev.cutover.orchestrator.switching;

import dev.cutover.config.ConnectionProfile;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Profiles, contexts and files for the switcher tests. */
final class SwitchFixtures {
    static final String FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider";
    static final String ENV_PROVIDER = "org.apache.kafka.common.config.provider.EnvVarConfigProvider";

    private SwitchFixtures() {}

    static ConnectionProfile profile(String name, String... keysAndValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ConnectionProfile(name, properties, List.of(), Duration.ofSeconds(30));
    }

    static SwitchContext context(Path workspace, ConnectionProfile cluster) {
        return new SwitchContext("billing", "wave-2", cluster, workspace, workspace.resolve(".cutover/state/billing"));
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as java.util.Properties reads it. */
    static Map<String, String> load(String text) {
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            Map<String, String> out = new java.util.TreeMap<>();
            properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
