package dev.cutover.probe.matrix;

import dev.cutover.probe.traffic.ProbeCheck.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One client's row of the matrix.
 *
 * @param client the client, as {@link ClientSpec#label()} names it
 * @param checks each check's status ({@link Status#UNKNOWN} for one not reached after an earlier failure)
 * @param status {@code PASS} when every check passed or was skipped with at least one pass; {@code SKIPPED} when the
 *     client could not be run here at all (kcat not installed), which is never a pass; otherwise {@code FAIL}
 * @param details what happened, or why it failed (never a secret)
 * @param durationMs how long the row took, resolution of the client included
 */
public record MatrixRow(
        String client, Map<MatrixCheck, Status> checks, Status status, String details, long durationMs) {
    public MatrixRow {
        Objects.requireNonNull(client, "client");
        Map<MatrixCheck, Status> copy = new EnumMap<>(MatrixCheck.class);
        copy.putAll(checks);
        checks = java.util.Collections.unmodifiableMap(copy);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
    }

    public Status check(MatrixCheck check) {
        return checks.getOrDefault(check, Status.UNKNOWN);
    }

    /** {@code produce pass, consume pass, commit pass, headers pass}. */
    public String summary() {
        return java.util.Arrays.stream(MatrixCheck.values())
                .map(c -> c.word() + " " + check(c).word())
                .collect(Collectors.joining(", "));
    }
}
