package dev.cutover.link.schemas;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.SchemaIds;
import dev.cutover.config.SchemaRegistrySettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a link treats the schema ids of records in Confluent's wire format: {@link SchemaIds#CHECK} or {@link
 * SchemaIds#REWRITE}, against the two profiles' registries and the id map that {@code schemas sync} stored in the
 * workspace ({@code schemas/<source>-to-<target>.json}).
 *
 * <p>{@code reverse}: the policy of a link's reverse copy (target → source, once a topic's writers moved). Its
 * "source" is the link's target; the ids it copies are the target's, which it maps back with the forward map read
 * backwards, plus the map of a reverse sync ({@code schemas sync --source target --target source}, for schemas first
 * registered on the target) where one is stored.
 */
public record SchemaIdPolicy(
        SchemaIds mode,
        String sourceProfile,
        SchemaRegistrySettings sourceRegistry,
        String targetProfile,
        SchemaRegistrySettings targetRegistry,
        Path workspace,
        boolean reverse) {
    public SchemaIdPolicy {
        Objects.requireNonNull(mode, "mode");
        if (mode == SchemaIds.OFF) {
            throw new IllegalArgumentException("a policy checks or rewrites; OFF is no policy");
        }
        Objects.requireNonNull(sourceRegistry, "sourceRegistry");
        Objects.requireNonNull(targetRegistry, "targetRegistry");
        Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * The policy a link's settings ask for: {@code schemaIds} as set, or {@link SchemaIds#CHECK} when both profiles
     * name a schema registry and {@link SchemaIds#OFF} otherwise.
     *
     * @throws CutoverException (config invalid) when {@code schemaIds} asks for check or rewrite and a profile names
     *     no registry
     */
    public static Optional<SchemaIdPolicy> of(
            LinkConfig link, ConnectionProfile source, ConnectionProfile target, Path workspace) {
        boolean both =
                source.schemaRegistry().isPresent() && target.schemaRegistry().isPresent();
        SchemaIds mode = link.schemaIdsOr(both);
        if (mode == SchemaIds.OFF) {
            return Optional.empty();
        }
        if (!both) {
            String missing = source.schemaRegistry().isEmpty() ? source.name() : target.name();
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "link '" + link.name() + "' has schemaIds: " + mode.yaml() + ", but profile '" + missing
                            + "' names no schema registry",
                    "add schemaRegistry: {url: ...} to clusters." + missing
                            + " in cutover.yaml, or set schemaIds: off");
        }
        return Optional.of(new SchemaIdPolicy(
                mode,
                source.name(),
                source.schemaRegistry().get(),
                target.name(),
                target.schemaRegistry().get(),
                workspace,
                false));
    }

    /** A forward policy. */
    public SchemaIdPolicy(
            SchemaIds mode,
            String sourceProfile,
            SchemaRegistrySettings sourceRegistry,
            String targetProfile,
            SchemaRegistrySettings targetRegistry,
            Path workspace) {
        this(mode, sourceProfile, sourceRegistry, targetProfile, targetRegistry, workspace, false);
    }

    /** The policy of this link's reverse copy: registries swapped, ids mapped back (see the class comment). */
    public SchemaIdPolicy reversed() {
        return new SchemaIdPolicy(
                mode, targetProfile, targetRegistry, sourceProfile, sourceRegistry, workspace, !reverse);
    }

    /**
     * The ids this policy's copy may write: the stored map from its source to its target, and for a reverse copy the
     * forward map read backwards where the first has no entry; empty when neither file exists.
     */
    public Optional<java.util.Map<Integer, Integer>> loadMap() {
        Optional<dev.cutover.schemas.IdMap> direct =
                dev.cutover.schemas.IdMap.load(workspace, sourceProfile, targetProfile);
        if (!reverse) {
            return direct.map(dev.cutover.schemas.IdMap::ids);
        }
        Optional<dev.cutover.schemas.IdMap> forward =
                dev.cutover.schemas.IdMap.load(workspace, targetProfile, sourceProfile);
        if (direct.isEmpty() && forward.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<Integer, Integer> ids = new java.util.TreeMap<>();
        forward.ifPresent(f -> f.ids().forEach((from, to) -> ids.putIfAbsent(to, from)));
        direct.ifPresent(d -> ids.putAll(d.ids()));
        return Optional.of(ids);
    }

    /** The files {@link #loadMap} reads, for messages and to notice changes. */
    public java.util.List<Path> mapFiles() {
        Path direct = dev.cutover.schemas.IdMap.file(workspace, sourceProfile, targetProfile);
        return reverse
                ? java.util.List.of(direct, dev.cutover.schemas.IdMap.file(workspace, targetProfile, sourceProfile))
                : java.util.List.of(direct);
    }

    public Path idMapFile() {
        return dev.cutover.schemas.IdMap.file(workspace, sourceProfile, targetProfile);
    }
}
