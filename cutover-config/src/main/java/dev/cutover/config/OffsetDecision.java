package dev.cutover.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a workload's consumer groups resume on the target, as its owners decided it ({@code offsets:} in {@code
 * workloads.yaml}). Readiness checks the decision against the workload's {@link DuplicateTolerance}.
 *
 * <ul>
 *   <li>{@code translate}: the group's committed source offsets are translated exactly through the link's offset map
 *       ({@code cutover offsets sync}): nothing re-read, nothing skipped.
 *   <li>{@code reset-to-time}: the group starts on the target at a chosen time; records around it may be read twice or
 *       not at all.
 *   <li>{@code replay-from-earliest}: the group re-reads everything the target holds.
 *   <li>{@code reset-latest}: the group starts at the target's end; what it had not read on the source is skipped.
 * </ul>
 */
public enum OffsetDecision {
    TRANSLATE("translate"),
    RESET_TO_TIME("reset-to-time"),
    REPLAY_FROM_EARLIEST("replay-from-earliest"),
    RESET_LATEST("reset-latest");

    private final String yamlName;

    OffsetDecision(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<OffsetDecision> fromYaml(String text) {
        return Arrays.stream(values()).filter(d -> d.yamlName.equals(text)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(OffsetDecision::yamlName).toList();
    }
}
