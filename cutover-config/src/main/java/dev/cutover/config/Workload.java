package dev.cutover.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code workloads.yaml}: a named application the owners move as a unit. Its free-text fields are kept
 * redacted ({@link Redactor#redactText}).
 *
 * @param offsets where its consumer groups resume on the target, if its owners decided it
 * @param switchSpec how its client is moved between clusters ({@code switch:}), if declared
 * @param writes which of its {@code topics} it writes ({@code writes:}), if declared: what a workload that reads and
 *     writes (a Kafka Streams application, a read-process-write application) moves the write authority of
 */
public record Workload(
        String name,
        String owner,
        List<Role> roles,
        List<String> topics,
        DuplicateTolerance duplicateTolerance,
        Optional<String> sideEffects,
        Optional<String> rollbackOwner,
        WorkloadMatch match,
        Optional<OffsetDecision> offsets,
        Optional<SwitchSpec> switchSpec,
        Optional<List<String>> writes) {
    public Workload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        roles = List.copyOf(roles);
        topics = List.copyOf(topics);
        Objects.requireNonNull(duplicateTolerance, "duplicateTolerance");
        Objects.requireNonNull(sideEffects, "sideEffects");
        Objects.requireNonNull(rollbackOwner, "rollbackOwner");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(switchSpec, "switchSpec");
        writes = writes.map(List::copyOf);
        // Free text written by people ends up in reports, plan.yaml and the terminal: a credential pasted into a
        // note must not travel with it.
        sideEffects = sideEffects.map(Redactor::redactText);
        rollbackOwner = rollbackOwner.map(Redactor::redactText);
        owner = Redactor.redactText(owner);
        if (name.isBlank() || roles.isEmpty()) {
            throw new IllegalArgumentException("a workload needs a name and at least one role");
        }
    }

    /** A workload without {@code writes:}. */
    public Workload(
            String name,
            String owner,
            List<Role> roles,
            List<String> topics,
            DuplicateTolerance duplicateTolerance,
            Optional<String> sideEffects,
            Optional<String> rollbackOwner,
            WorkloadMatch match,
            Optional<OffsetDecision> offsets,
            Optional<SwitchSpec> switchSpec) {
        this(
                name,
                owner,
                roles,
                topics,
                duplicateTolerance,
                sideEffects,
                rollbackOwner,
                match,
                offsets,
                switchSpec,
                Optional.empty());
    }

    /** A workload without a switcher. */
    public Workload(
            String name,
            String owner,
            List<Role> roles,
            List<String> topics,
            DuplicateTolerance duplicateTolerance,
            Optional<String> sideEffects,
            Optional<String> rollbackOwner,
            WorkloadMatch match,
            Optional<OffsetDecision> offsets) {
        this(
                name,
                owner,
                roles,
                topics,
                duplicateTolerance,
                sideEffects,
                rollbackOwner,
                match,
                offsets,
                Optional.empty());
    }

    /** A workload without an offset decision or a switcher. */
    public Workload(
            String name,
            String owner,
            List<Role> roles,
            List<String> topics,
            DuplicateTolerance duplicateTolerance,
            Optional<String> sideEffects,
            Optional<String> rollbackOwner,
            WorkloadMatch match) {
        this(name, owner, roles, topics, duplicateTolerance, sideEffects, rollbackOwner, match, Optional.empty());
    }
}
