package dev.cutover.schemas.sync;

import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.RegistryException;
import dev.cutover.schemas.sync.SyncReport.Level;
import dev.cutover.schemas.sync.SyncReport.LevelAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compatibility levels during and after a sync. Old versions were accepted under the source's rules of their time, so
 * a subject whose level on the target is not NONE is set to NONE before its first write; afterwards every synced
 * subject gets the source's effective level: the subject's own level where it differs from the (synced) global level,
 * else none (it follows the global one), checked by reading the effective level back, since Apicurio keeps a subject
 * level of NONE through {@code DELETE /config/{subject}}: such a subject is pinned to the level instead.
 *
 * <p>The global level is synced too. When it changes, every other target subject (one the sync does not own) whose
 * effective level was the old global level is pinned to it, so that a subject the source does not have keeps its
 * contract.
 */
final class CompatibilitySync {
    static final String NONE = "NONE";

    private final RegistryClient target;
    private final TargetView view;
    private final boolean dryRun;
    private final Set<String> lowered = new HashSet<>();
    private String targetGlobal;
    private boolean globalChanged;

    CompatibilitySync(RegistryClient target, TargetView view, String targetGlobal, boolean dryRun) {
        this.target = target;
        this.view = view;
        this.targetGlobal = targetGlobal;
        this.dryRun = dryRun;
    }

    /** Before the first write to a subject: its level NONE, unless it is NONE already. */
    void beforeWrite(String subject) {
        if (dryRun || lowered.contains(subject) || NONE.equals(view.compatibility(subject))) {
            return;
        }
        target.setCompatibility(Optional.of(subject), NONE);
        lowered.add(subject);
    }

    boolean lowered(String subject) {
        return lowered.contains(subject);
    }

    /**
     * Sets the target's global level to the source's; first pins the {@code others} (target subjects the sync does
     * not own) that followed the old level. Returns the global level's result; the pinned ones go to {@code pinned}.
     */
    Level global(String sourceGlobal, List<String> others, List<Level> pinned) {
        String before = targetGlobal;
        if (before.equals(sourceGlobal)) {
            return Level.of(Optional.empty(), before, before, LevelAction.UNCHANGED);
        }
        for (String subject : others) {
            String effective = target.effectiveCompatibility(subject).orElse(before);
            if (effective.equals(before)) {
                pinned.add(apply(subject, before, before, LevelAction.PINNED));
            }
        }
        if (dryRun) {
            globalChanged = true;
            return Level.of(Optional.empty(), before, sourceGlobal, LevelAction.SET);
        }
        try {
            target.setCompatibility(Optional.empty(), sourceGlobal);
        } catch (RegistryException e) {
            return new Level(Optional.empty(), before, before, LevelAction.SET, Optional.of(e.getMessage()));
        }
        targetGlobal = sourceGlobal;
        globalChanged = true;
        return Level.of(Optional.empty(), before, sourceGlobal, LevelAction.SET);
    }

    /** Leaves a synced subject at the source's effective level {@code desired}. */
    Level finish(String subject, String desired) {
        String before = view.compatibility(subject);
        if (!lowered.contains(subject) && !globalChanged && before.equals(desired)) {
            return Level.of(Optional.of(subject), before, desired, LevelAction.UNCHANGED);
        }
        if (!desired.equals(targetGlobal)) {
            return apply(subject, before, desired, LevelAction.SET);
        }
        if (dryRun) {
            return Level.of(
                    Optional.of(subject),
                    before,
                    desired,
                    before.equals(desired) ? LevelAction.UNCHANGED : LevelAction.REMOVED);
        }
        try {
            target.deleteSubjectCompatibility(subject);
            String effective = target.effectiveCompatibility(subject).orElse(targetGlobal);
            if (effective.equals(desired)) {
                return Level.of(Optional.of(subject), before, desired, LevelAction.REMOVED);
            }
        } catch (RegistryException e) {
            return new Level(Optional.of(subject), before, before, LevelAction.REMOVED, Optional.of(e.getMessage()));
        }
        return apply(subject, before, desired, LevelAction.PINNED);
    }

    private Level apply(String subject, String before, String level, LevelAction action) {
        if (!dryRun) {
            try {
                target.setCompatibility(Optional.of(subject), level);
            } catch (RegistryException e) {
                return new Level(Optional.of(subject), before, before, action, Optional.of(e.getMessage()));
            }
        }
        return Level.of(Optional.of(subject), before, level, action);
    }

    static List<String> others(List<String> targetSubjects, Set<String> owned) {
        List<String> out = new ArrayList<>();
        targetSubjects.stream().filter(s -> !owned.contains(s)).sorted().forEach(out::add);
        return out;
    }
}
