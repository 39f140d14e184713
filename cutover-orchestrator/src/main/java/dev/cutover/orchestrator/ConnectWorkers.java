package dev.cutover.orchestrator;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.OffsetDecision;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.stateful.StatefulTopics;
import java.util.List;
import java.util.Optional;

/**
 * How a wave sees a Kafka Connect workload: its workers' groups (protocol {@code connect}), their internal topics on
 * the source, and why it cannot be moved when it cannot.
 */
final class ConnectWorkers {
    private ConnectWorkers() {}

    /** Why the workload cannot be moved, if so. */
    static Optional<String> blocked(
            Workspace ws,
            Workload w,
            List<String> workers,
            List<String> written,
            List<String> otherWriters,
            boolean dualWrite,
            OffsetDecision offsets) {
        if (w.writes().isEmpty()) {
            return Optional.of("Kafka Connect workers: writes: in workloads.yaml must say which topics their source"
                    + " connectors write (writes: [] when none; the workers' internal topics are found on the source),"
                    + " so that their write authority moves with them");
        }
        if (workers.isEmpty()) {
            return Optional.of("no Kafka Connect workers' group (protocol connect) on the source matches its"
                    + " match.groupId " + w.match().groupIds() + ": match the workers' group.id, and their sink"
                    + " connectors' groups (connect-<connector>)");
        }
        for (String suffix : StatefulTopics.CONNECT_SUFFIXES) {
            if (written.stream().noneMatch(t -> t.endsWith(suffix))) {
                return Optional.of("the workers' internal topics are not all found on the source (no topic ending "
                        + suffix + " among " + workers.get(0) + suffix + " or connect" + suffix + "): name them under"
                        + " writes: in workloads.yaml");
            }
        }
        for (String side : List.of("source", "target")) {
            Optional<ConnectionProfile> profile = profile(ws, side);
            if (profile.isPresent() && profile.get().connectUrl().isEmpty()) {
                return Optional.of("the " + side + " profile has no connect: URL (the workers' REST API, e.g."
                        + " http://connect-1:8083) in cutover.yaml: the move pauses their connectors before they stop"
                        + " and resumes them once they run on the target");
            }
        }
        if (offsets != OffsetDecision.TRANSLATE) {
            return Optional.of("Kafka Connect workers: their sink connectors' positions move exactly (offsets:"
                    + " translate); offsets: " + offsets.yamlName() + " would replay or skip records against what the"
                    + " sinks delivered");
        }
        if (dualWrite) {
            return Optional.of("Kafka Connect workers cannot move in a dual-write wave (the link copies their topics);"
                    + " move them in a wave of their own");
        }
        if (!otherWriters.isEmpty()) {
            return Optional.of("a topic's writers move in one wave, and " + String.join(", ", otherWriters)
                    + " also write(s) its topics from outside this wave");
        }
        if (w.switchSpec().isEmpty()) {
            return Optional.of("no switch: in workloads.yaml says how to stop and start the workers");
        }
        return Optional.empty();
    }

    private static Optional<ConnectionProfile> profile(Workspace ws, String name) {
        try {
            return Optional.of(ws.profile(name));
        } catch (RuntimeException e) {
            return Optional.empty(); // a missing profile is the wave's own error, reported where the cluster is opened
        }
    }
}
