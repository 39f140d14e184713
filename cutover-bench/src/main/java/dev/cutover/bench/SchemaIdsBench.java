package dev.cutover.bench;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.SchemaIds;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.link.engine.Takeover;
import dev.cutover.link.schemas.SchemaIdPolicy;
import dev.cutover.sandbox.registry.ApicurioRegistries;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * {@code bench link --schema-ids}: two schema registries (Apicurio, on a Java 21+) and one schema that the target holds
 * under another id than the source, its id map stored as {@code schemas sync} stores it, and cutover's link rewriting
 * every value's schema id as an extra contender. The other contenders copy the same wire-format values as bytes.
 */
public final class SchemaIdsBench implements AutoCloseable {
    private static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"BenchValue\",\"fields\":" + "[{\"name\":\"payload\",\"type\":\"bytes\"}]}";

    private final Path workspace;
    private final ApicurioRegistries registries;
    private final int sourceId;
    private final int targetId;
    private final SchemaIdPolicy policy;

    private SchemaIdsBench(
            Path workspace, ApicurioRegistries registries, int sourceId, int targetId, SchemaIdPolicy policy) {
        this.workspace = workspace;
        this.registries = registries;
        this.sourceId = sourceId;
        this.targetId = targetId;
        this.policy = policy;
    }

    /** Starts the registries and registers the schema; exit 2 without a Java 21+ (the message says where it looked). */
    public static SchemaIdsBench start(PrintWriter progress) {
        Path workspace;
        try {
            workspace = Files.createTempDirectory("cutover-bench-schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        ApicurioRegistries registries =
                ApicurioRegistries.start(List.of("source", "target"), workspace.resolve("logs"), line -> {
                    progress.println("  ... " + line);
                    progress.flush();
                });
        try {
            SchemaRegistrySettings source = SchemaRegistrySettings.of(
                    "source", registries.registry("source").url());
            SchemaRegistrySettings target = SchemaRegistrySettings.of(
                    "target", registries.registry("target").url());
            Duration timeout = Duration.ofSeconds(30);
            RegistryClient src = RegistryClient.of(source, timeout);
            RegistryClient tgt = RegistryClient.of(target, timeout);
            for (int i = 0; i < 2; i++) {
                tgt.register(
                        "bench-other-" + i,
                        Schema.avro("{\"type\":\"fixed\",\"name\":\"Other" + i + "\",\"size\":" + (i + 1) + "}"),
                        OptionalInt.empty(),
                        OptionalInt.empty());
            }
            int sourceId = src.register("bench-value", Schema.avro(SCHEMA), OptionalInt.empty(), OptionalInt.empty());
            int targetId = tgt.register("bench-value", Schema.avro(SCHEMA), OptionalInt.empty(), OptionalInt.empty());
            if (sourceId == targetId) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "the benchmark's target registry gave the schema the source's id " + sourceId
                                + ": nothing to rewrite",
                        "report this: the target registry holds other schemas first so that ids differ");
            }
            new IdMap("source", "target", source.url(), target.url(), Instant.now(), Map.of(sourceId, targetId))
                    .save(workspace);
            SchemaIdPolicy policy =
                    new SchemaIdPolicy(SchemaIds.REWRITE, "source", source, "target", target, workspace);
            progress.printf(
                    "  ... schema registries started, schema id %d on the source is %d on the target: %.2f s%n",
                    sourceId, targetId, (System.nanoTime() - t0) / 1e9);
            progress.flush();
            return new SchemaIdsBench(workspace, registries, sourceId, targetId, policy);
        } catch (RuntimeException e) {
            registries.close();
            throw e;
        }
    }

    /** The id every source value carries. */
    public int sourceId() {
        return sourceId;
    }

    public int targetId() {
        return targetId;
    }

    /** cutover's link, rewriting each value's schema id to the target's. */
    public Replicator replicator(Takeover takeover) {
        return new CutoverLinkReplicator(takeover, LinkBenchmark.GROUP, false, Optional.of(policy));
    }

    @Override
    public void close() {
        registries.close();
        try (Stream<Path> files = Files.walk(workspace)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
