package dev.cutover.probe.traffic;

import dev.cutover.config.ClusterConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/** Reads topic configs (read-only) of the topics that exist on a cluster. */
public final class TopicConfigs {
    private TopicConfigs() {}

    /** Configs of those of {@code topics} that exist; a topic missing from the answer does not exist there. */
    public static Map<String, Map<String, String>> describe(ClusterConnection c, List<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Set<String> existing = new TreeSet<>(c.await(c.admin().listTopics().names(), "list topics"));
        List<ConfigResource> resources = topics.stream()
                .filter(existing::contains)
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        if (resources.isEmpty()) {
            return Map.of();
        }
        Map<ConfigResource, Config> configs =
                c.await(c.admin().describeConfigs(resources).all(), "describe topic configs");
        Map<String, Map<String, String>> result = new HashMap<>();
        configs.forEach((resource, config) -> {
            Map<String, String> values = new HashMap<>();
            for (ConfigEntry e : config.entries()) {
                if (e.value() != null && !e.isSensitive()) {
                    values.put(e.name(), e.value());
                }
            }
            result.put(resource.name(), values);
        });
        return result;
    }
}
