package dev.cutover.link.schemas;

import dev.cutover.api.CutoverException;
import dev.cutover.config.SchemaIds;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.WireFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Decides, record by record, whether a link may copy a record whose key or value carries a schema id (Confluent's
 * wire format): only when the target registry resolves the id to the same schema. The id map of the last {@code
 * schemas sync} says which source id the target holds under which id; the gate checks once per id that the target
 * still answers it with the same schema, and with {@link SchemaIds#REWRITE} writes the target's id into the copy where
 * the two differ.
 *
 * <p>A record whose id the gate cannot clear is not copied: its partition waits ({@link Decision.Wait} says for which
 * id and why) and the gate answers again after {@link #RETRY}, reading the map anew when its file changed. Bytes that
 * start with magic byte 0 but carry an id the source registry does not know are no schema reference the source's own
 * consumers could resolve; they are copied as they are.
 */
public final class SchemaGate {
    /** How long an id the gate could not clear stays refused before it asks again. */
    public static final Duration RETRY = Duration.ofSeconds(5);

    static final int CACHED_IDS = 100_000;

    /** What to do with one record. */
    public sealed interface Decision {
        /** Copy, with these key and value bytes (the record's own, or with the target's schema id). */
        record Copy(byte[] key, byte[] value) implements Decision {}

        /** Do not copy yet: the id named is not known to resolve on the target, for the reason given. */
        record Wait(int schemaId, String reason) implements Decision {}
    }

    private sealed interface Resolution {
        record Keep() implements Resolution {}

        record Rewrite(int to) implements Resolution {}

        record NotASchema() implements Resolution {}

        record Refused(String reason, long untilMs) implements Resolution {}
    }

    private final SchemaIdPolicy policy;
    private final RegistryClient source;
    private final RegistryClient target;
    private final LongSupplier clock;
    /**
     * What each id resolved to, the most recently used {@value #CACHED_IDS} ids: binary keys or values that start with
     * 0 by chance carry arbitrary "ids", each asked of the source registry once while it stays here.
     */
    private final Map<Integer, Resolution> resolved = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Resolution> eldest) {
            return size() > CACHED_IDS;
        }
    };

    private Map<Integer, Integer> map;
    private List<FileTime> mapTimes;

    SchemaGate(SchemaIdPolicy policy, RegistryClient source, RegistryClient target, LongSupplier clock) {
        this.policy = policy;
        this.source = source;
        this.target = target;
        this.clock = clock;
    }

    public static SchemaGate of(SchemaIdPolicy policy, Duration timeout) {
        return new SchemaGate(
                policy,
                RegistryClient.of(policy.sourceRegistry(), timeout),
                RegistryClient.of(policy.targetRegistry(), timeout),
                System::currentTimeMillis);
    }

    public Decision check(byte[] key, byte[] value) {
        byte[] newKey = key;
        byte[] newValue = value;
        OptionalInt keyId = WireFormat.schemaId(key);
        if (keyId.isPresent()) {
            Resolution r = resolve(keyId.getAsInt());
            if (r instanceof Resolution.Refused refused) {
                return new Decision.Wait(keyId.getAsInt(), "the key's " + refused.reason());
            }
            newKey = apply(r, key);
        }
        OptionalInt valueId = WireFormat.schemaId(value);
        if (valueId.isPresent()) {
            Resolution r = resolve(valueId.getAsInt());
            if (r instanceof Resolution.Refused refused) {
                return new Decision.Wait(valueId.getAsInt(), "the value's " + refused.reason());
            }
            newValue = apply(r, value);
        }
        return new Decision.Copy(newKey, newValue);
    }

    private static byte[] apply(Resolution r, byte[] bytes) {
        return r instanceof Resolution.Rewrite rewrite ? WireFormat.withSchemaId(bytes, rewrite.to()) : bytes;
    }

    private Resolution resolve(int id) {
        Resolution known = resolved.get(id);
        if (known != null && !(known instanceof Resolution.Refused refused && refused.untilMs() <= clock.getAsLong())) {
            return known;
        }
        Resolution fresh;
        try {
            fresh = decide(id);
        } catch (CutoverException e) {
            fresh = refused("schema id " + id + " cannot be checked: " + e.getMessage());
        }
        resolved.put(id, fresh);
        return fresh;
    }

    private Resolution decide(int id) {
        Map<Integer, Integer> current = currentMap();
        OptionalInt mapped =
                current == null || !current.containsKey(id) ? OptionalInt.empty() : OptionalInt.of(current.get(id));
        Optional<Schema> onSource = source.schemaById(id);
        if (mapped.isEmpty()) {
            if (onSource.isEmpty()) {
                return new Resolution.NotASchema();
            }
            return refused("schema id " + id + " is not in the id map "
                    + (current == null ? "(no map yet: " + policy.idMapFile() + " does not exist)" : policy.idMapFile())
                    + ": the target registry is not known to hold its schema; run 'cutover schemas sync"
                    + (policy.reverse()
                            ? " --source " + policy.sourceProfile() + " --target " + policy.targetProfile()
                            : "")
                    + "'");
        }
        int to = mapped.getAsInt();
        Optional<Schema> onTarget = target.schemaById(to);
        if (onTarget.isEmpty()) {
            return refused("schema id " + id + " maps to id " + to + ", which " + target.describe()
                    + " does not hold (any more); run 'cutover schemas sync' again");
        }
        if (onSource.isPresent() && !onSource.get().sameContent(onTarget.get())) {
            return refused("schema id " + id + " maps to id " + to + ", but the target holds another schema there:"
                    + " the map is stale; run 'cutover schemas sync' again");
        }
        if (to == id) {
            return new Resolution.Keep();
        }
        if (policy.mode() == SchemaIds.REWRITE) {
            return new Resolution.Rewrite(to);
        }
        return refused("schema id " + id + " is id " + to + " on the target: copied unchanged, consumers there would"
                + " read it with whatever the target holds under " + id + "; set schemaIds: rewrite on the link (or"
                + " sync into a target in IMPORT mode, which keeps ids)");
    }

    private Resolution refused(String reason) {
        return new Resolution.Refused(reason, clock.getAsLong() + RETRY.toMillis());
    }

    /** The stored map, read again when one of its files changed; null when none exists. */
    private Map<Integer, Integer> currentMap() {
        List<FileTime> times = new ArrayList<>();
        for (Path file : policy.mapFiles()) {
            try {
                times.add(Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null);
            } catch (java.io.IOException e) {
                return map;
            }
        }
        if (!times.equals(mapTimes)) {
            map = policy.loadMap().orElse(null);
            mapTimes = times;
            resolved.entrySet().removeIf(e -> !(e.getValue() instanceof Resolution.Refused));
        }
        return map;
    }
}
