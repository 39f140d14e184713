package dev.cutover.readiness.areas;

import dev.cutover.config.LinkConfig;
import dev.cutover.config.SchemaIds;
import dev.cutover.inventory.schemas.SchemaInventory;
import dev.cutover.schemas.IdMap;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the schema rules ({@link SchemaRules}) decide from: each profile's registry as read in this run (present when the
 * profile names a {@code schemaRegistry}; it may say it could not be read), the id map the last {@code schemas sync}
 * stored, and which link copies each of the assessed topics with which {@code schemaIds} setting.
 *
 * @param source the source registry's subjects (those of the assessed topics) and the ids of the sampled topics
 * @param target the target registry's subjects of the same names
 * @param idMap the stored source → target id map
 * @param idMapMissing why there is no id map (no sync yet, an unreadable file), when there is none
 * @param links per assessed topic, the link that copies it
 */
public record SchemaContract(
        Optional<SchemaInventory> source,
        Optional<SchemaInventory> target,
        Optional<IdMap> idMap,
        Optional<String> idMapMissing,
        Map<String, LinkMode> links) {
    public SchemaContract {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(idMap, "idMap");
        Objects.requireNonNull(idMapMissing, "idMapMissing");
        links = Collections.unmodifiableMap(new TreeMap<>(links));
    }

    /** The link that copies a topic, and what it does with schema ids. */
    public record LinkMode(String link, SchemaIds schemaIds) {
        public LinkMode {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(schemaIds, "schemaIds");
        }
    }

    /** Neither profile names a registry. */
    public static SchemaContract none() {
        return new SchemaContract(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** Whether either profile names a schema registry. */
    public boolean configured() {
        return source.isPresent() || target.isPresent();
    }

    public Optional<LinkMode> link(String topic) {
        return Optional.ofNullable(links.get(topic));
    }

    /**
     * Per topic, the first link of cutover.yaml (file order) whose {@code topics} regex matches it and whose {@code
     * exclude} does not; without a {@code links:} section, the default link, which copies every topic. Its {@code
     * schemaIds} is the link's setting, else the default: {@code check} with registries on both profiles.
     */
    public static Map<String, LinkMode> links(
            Map<String, LinkConfig> links, Collection<String> topics, boolean bothRegistries) {
        Map<String, LinkMode> out = new TreeMap<>();
        List<LinkConfig> configured = List.copyOf(links.values());
        for (String topic : topics) {
            if (configured.isEmpty()) {
                out.put(
                        topic,
                        new LinkMode(
                                LinkConfig.DEFAULT_NAME,
                                LinkConfig.named(LinkConfig.DEFAULT_NAME).schemaIdsOr(bothRegistries)));
                continue;
            }
            for (LinkConfig link : configured) {
                boolean in = Pattern.compile(link.topics().orElse(".*"))
                                .matcher(topic)
                                .matches()
                        && link.exclude()
                                .map(x -> !Pattern.compile(x).matcher(topic).matches())
                                .orElse(true);
                if (in) {
                    out.put(topic, new LinkMode(link.name(), link.schemaIdsOr(bothRegistries)));
                    break;
                }
            }
        }
        return out;
    }
}
