package dev.cutover.probe.traffic;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one probe run.
 *
 * @param workload the workload probed
 * @param targetClusterId the target's cluster id, or null when it did not answer
 * @param clientVersion the kafka-clients version the probe ran with
 * @param startedAt when the run started
 * @param durationMs how long it took
 * @param probeTopics the probe topics it created (all deleted at the end unless a check says otherwise)
 * @param checks every check, in the order run
 * @param unreachable whether the target did not answer or refused cutover's profile (exit 3)
 */
public record ProbeReport(
        String workload,
        String targetClusterId,
        String clientVersion,
        Instant startedAt,
        long durationMs,
        List<String> probeTopics,
        List<ProbeCheck> checks,
        boolean unreachable) {
    public static final int SCHEMA_VERSION = 1;

    public ProbeReport {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        probeTopics = List.copyOf(probeTopics);
        checks = List.copyOf(checks);
    }

    /** 0 when every check passed (or was skipped, saying why), 1 when one failed or is unknown, 3 unreachable. */
    public int exitCode() {
        if (unreachable) {
            return 3;
        }
        return checks.stream().allMatch(ProbeCheck::ok) ? 0 : 1;
    }

    public long count(ProbeCheck.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** The checks per area, for areas with at least one check that is not skipped. */
    public Map<ProbeArea, List<ProbeCheck>> byArea() {
        Map<ProbeArea, List<ProbeCheck>> areas = new EnumMap<>(ProbeArea.class);
        for (ProbeArea area : ProbeArea.values()) {
            List<ProbeCheck> mine =
                    checks.stream().filter(c -> c.area() == area).toList();
            if (mine.stream().anyMatch(c -> c.status() != ProbeCheck.Status.SKIPPED)) {
                areas.put(area, mine);
            }
        }
        return areas;
    }

    /** An area passes when it has a passing check and every other check passed or was skipped. */
    public static boolean areaPassed(List<ProbeCheck> checks) {
        return checks.stream().anyMatch(c -> c.status() == ProbeCheck.Status.PASS)
                && checks.stream().allMatch(ProbeCheck::ok);
    }
}
