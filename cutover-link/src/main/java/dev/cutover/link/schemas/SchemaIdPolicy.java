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
 */
public record SchemaIdPolicy(
        SchemaIds mode,
        String sourceProfile,
        SchemaRegistrySettings sourceRegistry,
        String targetProfile,
        SchemaRegistrySettings targetRegistry,
        Path workspace) {
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
        SchemaIds mode = link.schemaIds().orElse(both ? SchemaIds.CHECK : SchemaIds.OFF);
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
                workspace));
    }

    public Path idMapFile() {
        return dev.cutover.schemas.IdMap.file(workspace, sourceProfile, targetProfile);
    }
}
