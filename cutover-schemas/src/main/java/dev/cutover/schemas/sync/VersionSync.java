package dev.cutover.schemas.sync;

import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.RegistryException;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SubjectVersion;
import dev.cutover.schemas.sync.SyncReport.Action;
import dev.cutover.schemas.sync.SyncReport.IdOutcome;
import dev.cutover.schemas.sync.SyncReport.VersionResult;
import dev.cutover.schemas.sync.TargetView.Slot;
import dev.cutover.schemas.sync.TargetView.Translation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Brings one source version onto the target: finds it there (the same schema under the subject, references in the
 * target's versions, soft-deleted versions included) or registers it, with the source's id where the target is in
 * IMPORT mode and the id is free, then soft-deletes it when the source has it soft-deleted. A registry's refusal is
 * the version's result, not a failure of the run; an unreachable or denying registry is (it throws).
 */
final class VersionSync {
    /** How far above the highest id seen a free id is looked for (IMPORT mode, the source's id taken). */
    private static final int FREE_ID_SEARCH = 10_000;

    private final RegistryClient target;
    private final TargetView view;
    private final boolean dryRun;
    private final Consumer<String> beforeWrite;

    /** {@code beforeWrite} runs before the first write to a subject (it lowers the subject's compatibility). */
    VersionSync(RegistryClient target, TargetView view, boolean dryRun, Consumer<String> beforeWrite) {
        this.target = target;
        this.view = view;
        this.dryRun = dryRun;
        this.beforeWrite = beforeWrite;
    }

    VersionResult sync(SubjectVersion source) {
        Translation translation = view.translate(source);
        if (translation instanceof Translation.Unresolved u) {
            return result(source, Action.SKIPPED, null, IdOutcome.UNKNOWN, false, u.why());
        }
        if (translation instanceof Translation.Planned) {
            view.plan(source);
            return result(source, Action.WOULD_REGISTER, null, IdOutcome.UNKNOWN, source.deleted(), null);
        }
        Schema schema = ((Translation.Resolved) translation).schema();
        try {
            Optional<VersionResult> present = present(source, schema);
            return present.isPresent() ? present.get() : register(source, schema);
        } catch (RegistryException e) {
            return result(source, Action.REFUSED, null, IdOutcome.UNKNOWN, false, e.getMessage());
        }
    }

    /** The version when the target holds it; soft-deletes it there when only the source has it soft-deleted. */
    private Optional<VersionResult> present(SubjectVersion source, Schema schema) {
        Optional<SubjectVersion> found = target.lookup(source.subject(), schema, true);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int id = found.get().id();
        // A lookup answers one version; the same schema may be in several (re-registered after a soft delete).
        view.add(source.subject(), found.get().version(), id, false);
        List<Slot> candidates = view.unclaimed(source.subject(), id);
        Optional<Slot> same =
                candidates.stream().filter(s -> s.deleted == source.deleted()).findFirst();
        if (same.isPresent()) {
            view.claim(source, same.get());
            return Optional.of(result(source, Action.PRESENT, same.get(), sameOrMapped(source, id), false, null));
        }
        Optional<Slot> live = candidates.stream().filter(s -> !s.deleted).findFirst();
        if (source.deleted() && live.isPresent()) {
            Slot slot = live.get();
            if (!dryRun) {
                beforeWrite.accept(source.subject());
                target.deleteVersion(source.subject(), slot.version, false);
                slot.deleted = true;
            }
            view.claim(source, slot);
            return Optional.of(result(source, Action.PRESENT, slot, sameOrMapped(source, id), true, null));
        }
        // Only soft-deleted copies while the source has it live: registering again makes a new live version.
        return Optional.empty();
    }

    private VersionResult register(SubjectVersion source, Schema schema) {
        boolean importMode = view.importMode(source.subject());
        OptionalInt askedId = OptionalInt.empty();
        OptionalInt askedVersion = OptionalInt.empty();
        boolean conflict = false;
        if (importMode) {
            Optional<Schema> holder = target.schemaById(source.id());
            conflict = holder.isPresent() && !same(holder.get(), schema);
            askedId = OptionalInt.of(conflict ? freeId() : source.id());
            if (!view.hasVersion(source.subject(), source.version())) {
                askedVersion = OptionalInt.of(source.version());
            }
        }
        if (dryRun) {
            view.plan(source);
            IdOutcome outcome = !importMode ? IdOutcome.UNKNOWN : conflict ? IdOutcome.CONFLICT : IdOutcome.KEPT;
            return result(source, Action.WOULD_REGISTER, null, outcome, source.deleted(), null);
        }
        beforeWrite.accept(source.subject());
        int id = target.register(source.subject(), schema, askedId, askedVersion);
        view.sawId(id);
        SubjectVersion created = target.lookup(source.subject(), schema, false)
                .orElseThrow(() -> new RegistryException(
                        dev.cutover.api.Reason.PARTLY_REFUSED,
                        404,
                        40403,
                        target.describe() + " answered id " + id + " for " + source.subject()
                                + " but does not find the schema under the subject afterwards",
                        null));
        Slot slot = view.add(source.subject(), created.version(), created.id(), false);
        view.claim(source, slot);
        IdOutcome outcome;
        if (!importMode) {
            outcome = sameOrMapped(source, created.id());
        } else if (conflict) {
            outcome = IdOutcome.CONFLICT;
        } else {
            outcome = created.id() == source.id() ? IdOutcome.KEPT : IdOutcome.IGNORED;
        }
        if (source.deleted()) {
            try {
                target.deleteVersion(source.subject(), slot.version, false);
                slot.deleted = true;
            } catch (RegistryException e) {
                return result(
                        source,
                        Action.REFUSED,
                        slot,
                        outcome,
                        false,
                        "registered as v" + slot.version + " but not soft-deleted: " + e.getMessage());
            }
        }
        return result(source, Action.REGISTERED, slot, outcome, source.deleted(), null);
    }

    /** An id the target does not use, above every id seen on either registry (so no later source id collides). */
    private int freeId() {
        int start = view.highestIdSeen() + 1;
        for (int id = start; id < start + FREE_ID_SEARCH; id++) {
            if (target.schemaById(id).isEmpty()) {
                view.sawId(id);
                return id;
            }
        }
        throw new RegistryException(
                dev.cutover.api.Reason.PARTLY_REFUSED,
                409,
                42205,
                target.describe() + " uses every id from " + start + " to " + (start + FREE_ID_SEARCH - 1),
                null);
    }

    /** The same schema: type, text and references (already in the target's terms). */
    static boolean same(Schema onTarget, Schema schema) {
        return onTarget.type().equals(schema.type())
                && onTarget.text().equals(schema.text())
                && onTarget.references().equals(schema.references());
    }

    private static IdOutcome sameOrMapped(SubjectVersion source, int targetId) {
        return targetId == source.id() ? IdOutcome.SAME : IdOutcome.MAPPED;
    }

    private static VersionResult result(
            SubjectVersion source, Action action, Slot slot, IdOutcome ids, boolean softDeleted, String problem) {
        return new VersionResult(
                source.version(),
                source.id(),
                source.deleted(),
                action,
                slot == null ? OptionalInt.empty() : OptionalInt.of(slot.version),
                slot == null ? OptionalInt.empty() : OptionalInt.of(slot.id),
                ids,
                softDeleted,
                Optional.ofNullable(problem));
    }
}
