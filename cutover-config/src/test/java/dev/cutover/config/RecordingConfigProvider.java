package dev.cutover.config;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/** A config provider that is not Kafka's own; loading it sets {@value #LOADED}, so tests see whether it was loaded. */
public final class RecordingConfigProvider implements ConfigProvider {
    static final String LOADED = "cutover.test.recording.provider.loaded";

    static {
        System.setProperty(LOADED, "true");
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public ConfigData get(String path) {
        return new ConfigData(Map.of());
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        return new ConfigData(Map.of());
    }

    @Override
    public void close() {}
}
