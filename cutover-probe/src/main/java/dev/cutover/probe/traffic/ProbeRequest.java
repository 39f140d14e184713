package dev.cutover.probe.traffic;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.link.state.LinkTopics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a probe run needs, gathered by its caller (the CLI reads the workspace, the manifest and readiness's tail
 * sample).
 *
 * @param workload the workload's name
 * @param topics its literal topics (globs left out by the caller)
 * @param groups its literal consumer group ids
 * @param produces whether its roles write (producer, streams, connect)
 * @param consumes whether its roles read (consumer, streams, connect) or it has groups
 * @param transactionalMatch whether {@code workloads.yaml} matches it by a transactional id
 * @param largestRecords per topic, the largest record size in the source's tail sample
 * @param recordTraits per topic, the headers, null keys and tombstones in the source's tail sample
 * @param sampleNotes per topic, why it has no (complete) sample
 * @param target the target's profile: the probe's own traffic and admin calls
 * @param source the source's profile, only described (topic configs), if the workspace has one
 * @param clientConfig the workload's own client properties as a profile ({@code --client-config}), if given
 * @param link the name of the link whose stored status shows the replication lag of the workload's topics (default
 *     {@value LinkTopics#DEFAULT_LINK})
 * @param rotation the same properties with the new credential ({@code --rotated-client-config}), if given; only
 *     with {@code clientConfig}
 * @param schemas whether and how the schema check runs ({@link SchemaChecks})
 */
public record ProbeRequest(
        String workload,
        List<String> topics,
        List<String> groups,
        boolean produces,
        boolean consumes,
        boolean transactionalMatch,
        Map<String, Long> largestRecords,
        Map<String, RecordTraits> recordTraits,
        Map<String, String> sampleNotes,
        ConnectionProfile target,
        Optional<ConnectionProfile> source,
        Optional<ConnectionProfile> clientConfig,
        String link,
        Optional<Rotation> rotation,
        SchemaPlan schemas) {
    /**
     * A credential rotation to check.
     *
     * @param rotated the workload's client properties with the new credential
     * @param exercise whether to carry out a SCRAM password change on the target and undo it
     *     ({@code --exercise-rotation}); cutover's own target principal then needs ALTER on CLUSTER
     */
    public record Rotation(ConnectionProfile rotated, boolean exercise) {
        public Rotation {
            Objects.requireNonNull(rotated, "rotated");
        }
    }

    public ProbeRequest {
        Objects.requireNonNull(workload, "workload");
        topics = List.copyOf(topics);
        groups = List.copyOf(groups);
        largestRecords = Map.copyOf(largestRecords);
        recordTraits = Map.copyOf(recordTraits);
        sampleNotes = Map.copyOf(sampleNotes);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clientConfig, "clientConfig");
        link = link == null ? LinkTopics.DEFAULT_LINK : link;
        LinkTopics.named(link);
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(schemas, "schemas");
        if (rotation.isPresent() && clientConfig.isEmpty()) {
            throw new IllegalArgumentException("a rotation needs the old client config too");
        }
    }

    /** A request without a schema check (no registries named). */
    public ProbeRequest(
            String workload,
            List<String> topics,
            List<String> groups,
            boolean produces,
            boolean consumes,
            boolean transactionalMatch,
            Map<String, Long> largestRecords,
            Map<String, RecordTraits> recordTraits,
            Map<String, String> sampleNotes,
            ConnectionProfile target,
            Optional<ConnectionProfile> source,
            Optional<ConnectionProfile> clientConfig,
            String link,
            Optional<Rotation> rotation) {
        this(
                workload,
                topics,
                groups,
                produces,
                consumes,
                transactionalMatch,
                largestRecords,
                recordTraits,
                sampleNotes,
                target,
                source,
                clientConfig,
                link,
                rotation,
                new SchemaPlan.NotRun(SchemaPlan.NO_REGISTRIES));
    }

    /** A request without a credential rotation, for the link named {@value LinkTopics#DEFAULT_LINK}. */
    public ProbeRequest(
            String workload,
            List<String> topics,
            List<String> groups,
            boolean produces,
            boolean consumes,
            boolean transactionalMatch,
            Map<String, Long> largestRecords,
            Map<String, RecordTraits> recordTraits,
            Map<String, String> sampleNotes,
            ConnectionProfile target,
            Optional<ConnectionProfile> source,
            Optional<ConnectionProfile> clientConfig) {
        this(
                workload,
                topics,
                groups,
                produces,
                consumes,
                transactionalMatch,
                largestRecords,
                recordTraits,
                sampleNotes,
                target,
                source,
                clientConfig,
                LinkTopics.DEFAULT_LINK,
                Optional.empty());
    }
}
