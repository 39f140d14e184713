package dev.cutover.readiness;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.SchemaIds.Seen;
import dev.cutover.inventory.schemas.SchemaInventory;
import dev.cutover.inventory.schemas.SchemaScan;
import dev.cutover.readiness.areas.SchemaContract;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads what the schema rules need for a readiness run, read-only: the subjects of the assessed topics on the source
 * registry (TopicNameStrategy names and the subjects that hold the sampled ids), the same subjects on the target
 * registry, the stored id map, and the link that copies each topic. Only those subjects are read, not whole
 * registries. A registry that cannot be read is recorded as such (the rules say "unknown, because…"), never thrown.
 */
final class SchemaReads {
    private SchemaReads() {}

    static SchemaContract read(Workspace ws, Collection<String> topics, RecordSamples samples) {
        ConnectionProfile sourceProfile = ws.profile("source");
        ConnectionProfile targetProfile = ws.profile("target");
        if (sourceProfile.schemaRegistry().isEmpty()
                && targetProfile.schemaRegistry().isEmpty()) {
            return SchemaContract.none();
        }
        Optional<SchemaInventory> source = sourceProfile.schemaRegistry().map(settings -> {
            RegistryClient client = RegistryClient.of(settings, sourceProfile.timeout());
            try {
                Set<String> subjects = candidates(client, topics, samples);
                return SchemaScan.scan(client, subjects::contains, samples, Optional.of("readiness's tail sample"));
            } catch (CutoverException e) {
                return SchemaInventory.unreadable(client.url(), e.getMessage());
            }
        });
        Set<String> names = new TreeSet<>();
        source.ifPresent(s -> s.subjects().forEach(subject -> names.add(subject.name())));
        Optional<SchemaInventory> target = targetProfile
                .schemaRegistry()
                .map(settings -> SchemaScan.scan(
                        RegistryClient.of(settings, targetProfile.timeout()),
                        names::contains,
                        RecordSamples.none(),
                        Optional.empty()));
        Optional<IdMap> map = Optional.empty();
        Optional<String> why = Optional.empty();
        try {
            map = IdMap.load(ws.dir(), "source", "target");
            if (map.isEmpty()) {
                why = Optional.of("no 'cutover schemas sync' has stored "
                        + ws.dir().relativize(IdMap.file(ws.dir(), "source", "target")) + " yet");
            }
        } catch (CutoverException e) {
            why = Optional.of(e.getMessage());
        }
        boolean both = sourceProfile.schemaRegistry().isPresent()
                && targetProfile.schemaRegistry().isPresent();
        return new SchemaContract(
                source, target, map, why, SchemaContract.links(ws.config().links(), topics, both));
    }

    /** The TopicNameStrategy subjects of the topics and the subjects that hold the sampled ids. */
    private static Set<String> candidates(RegistryClient client, Collection<String> topics, RecordSamples samples) {
        Set<String> subjects = new TreeSet<>();
        for (String topic : topics) {
            subjects.add(topic + "-key");
            subjects.add(topic + "-value");
        }
        Set<Integer> ids = new TreeSet<>();
        samples.sampled().values().forEach(s -> Stream.of(
                        s.schemaIds().keys(), s.schemaIds().values())
                .map(Map<Integer, Seen>::keySet)
                .forEach(ids::addAll));
        for (int id : ids) {
            client.usages(id).forEach(u -> subjects.add(u.subject()));
        }
        return subjects;
    }
}
