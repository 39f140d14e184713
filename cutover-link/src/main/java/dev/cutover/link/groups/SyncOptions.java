package dev.cutover.link.groups;

import dev.cutover.offsets.Direction;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link GroupOffsets#sync} behaves.
 *
 * @param dryRun compute and report, write nothing
 * @param allowRewind commit even where the target group already committed a later offset (it re-reads records)
 * @param waitTimeout how long to wait for the link to pass a group's committed offsets before refusing
 * @param direction {@link Direction#FORWARD} reads the group's offsets on the source and commits their translation on
 *     the target; {@link Direction#REVERSE} (a moved group going back, or its rehearsal) reads them on the target and
 *     commits their translation on the source: the group's offsets are all it writes there
 * @param allowActiveMembers why a group may be synced while it still has members on the cluster it is read from (the
 *     operator's words, recorded in the evidence); empty refuses such a group ({@link GroupSync.Refusal#ACTIVE_ON_SOURCE})
 */
public record SyncOptions(
        boolean dryRun,
        boolean allowRewind,
        Duration waitTimeout,
        Direction direction,
        Optional<String> allowActiveMembers) {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    public SyncOptions {
        Objects.requireNonNull(waitTimeout, "waitTimeout");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(allowActiveMembers, "allowActiveMembers");
        if (allowActiveMembers.isPresent() && allowActiveMembers.get().isBlank()) {
            throw new IllegalArgumentException("the reason for syncing a group with active members must not be blank");
        }
        if (waitTimeout.isNegative()) {
            throw new IllegalArgumentException("waitTimeout must not be negative: " + waitTimeout);
        }
    }

    /** No group with active members on the cluster it is read from. */
    public SyncOptions(boolean dryRun, boolean allowRewind, Duration waitTimeout, Direction direction) {
        this(dryRun, allowRewind, waitTimeout, direction, Optional.empty());
    }

    /** Forward, writing, no rewinds, waiting {@link #DEFAULT_WAIT}. */
    public static SyncOptions defaults() {
        return new SyncOptions(false, false, DEFAULT_WAIT, Direction.FORWARD);
    }

    public SyncOptions withDryRun(boolean value) {
        return new SyncOptions(value, allowRewind, waitTimeout, direction, allowActiveMembers);
    }

    public SyncOptions withAllowRewind(boolean value) {
        return new SyncOptions(dryRun, value, waitTimeout, direction, allowActiveMembers);
    }

    public SyncOptions withDirection(Direction value) {
        return new SyncOptions(dryRun, allowRewind, waitTimeout, value, allowActiveMembers);
    }

    public SyncOptions withWaitTimeout(Duration value) {
        return new SyncOptions(dryRun, allowRewind, value, direction, allowActiveMembers);
    }

    /** Allows groups with active members on the cluster read from, for the given reason. */
    public SyncOptions withAllowActiveMembers(String reason) {
        return new SyncOptions(dryRun, allowRewind, waitTimeout, direction, Optional.of(reason));
    }
}
