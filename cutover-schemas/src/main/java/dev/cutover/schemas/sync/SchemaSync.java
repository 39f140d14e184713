package dev.cutover.schemas.sync;

import dev.cutover.api.Progress;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.RegistrySnapshot;
import dev.cutover.schemas.RegistrySnapshot.Subject;
import dev.cutover.schemas.SubjectVersion;
import dev.cutover.schemas.sync.SyncReport.Level;
import dev.cutover.schemas.sync.SyncReport.SubjectResult;
import dev.cutover.schemas.sync.SyncReport.VersionResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code cutover schemas sync}: copies subjects from the source registry to the target registry through their
 * Confluent-compatible REST APIs, and stores the exact source id → target id map ({@link IdMap}).
 *
 * <p>Detect → plan → write → result: both registries are read ({@link RegistrySnapshot}); the selected subjects and
 * every subject they reference are ordered references first ({@link SyncOrder}); each version is found on the target or
 * registered ({@link VersionSync}), soft-deleted where the source has it soft-deleted; compatibility levels follow
 * ({@link CompatibilitySync}); the map is merged with the stored one and written atomically.
 *
 * <p>Invariants: nothing on the target is deleted or changed that the source does not have (its other subjects and
 * versions stay, reported as only on the target); an id enters the map only after the target answered it for the same
 * schema under the subject (a lookup or a registration followed by a lookup); a version whose reference could not be
 * synced is not written; a run that finds everything in place writes nothing (not even the map file).
 */
public final class SchemaSync {
    private final RegistryClient source;
    private final RegistryClient target;
    private final Clock clock;

    public SchemaSync(RegistryClient source, RegistryClient target) {
        this(source, target, Clock.systemUTC());
    }

    SchemaSync(RegistryClient source, RegistryClient target, Clock clock) {
        this.source = source;
        this.target = target;
        this.clock = clock;
    }

    /**
     * Runs (or, with {@link SyncRequest#dryRun()}, plans) the sync. A version the target refuses is reported and the
     * run goes on; an unreachable or denying registry ends it with a {@link dev.cutover.api.CutoverException} (the ids
     * checked until then are stored first).
     */
    public SyncReport run(SyncRequest request, Progress progress) {
        Map<String, Subject> subjects = readSource(request);
        Map<String, List<String>> referencedBy = SyncOrder.referencedBy(subjects);
        List<SubjectVersion> order = SyncOrder.order(subjects);
        String sourceGlobal = source.globalCompatibility();
        RegistrySnapshot targetSnapshot =
                RegistrySnapshot.read(target, name -> request.selects(name) || subjects.containsKey(name));
        int highestSourceId = order.stream().mapToInt(SubjectVersion::id).max().orElse(0);
        TargetView view = new TargetView(targetSnapshot, subjects.keySet(), highestSourceId);
        CompatibilitySync levels =
                new CompatibilitySync(target, view, targetSnapshot.globalCompatibility(), request.dryRun());
        VersionSync versions = new VersionSync(target, view, request.dryRun(), levels::beforeWrite);

        Map<String, List<VersionResult>> results = new LinkedHashMap<>();
        subjects.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        IdCollector ids = new IdCollector();
        try (Progress.Task task = progress.begin("schemas sync", "versions", OptionalLong.of(order.size()))) {
            int done = 0;
            for (SubjectVersion version : order) {
                task.note(version.subject());
                VersionResult result = versions.sync(version);
                results.get(version.subject()).add(result);
                ids.add(version, result);
                task.update(++done, OptionalLong.of(order.size()));
            }
        } catch (RuntimeException e) {
            if (!request.dryRun()) {
                merge(request, ids).save(request.workspace());
            }
            throw e;
        }

        List<Level> pinned = new ArrayList<>();
        Level global =
                levels.global(sourceGlobal, CompatibilitySync.others(target.subjects(true), subjects.keySet()), pinned);
        List<SubjectResult> subjectResults = new ArrayList<>();
        for (Subject subject : subjects.values()) {
            String name = subject.name();
            List<VersionResult> byVersion = new ArrayList<>(results.get(name));
            byVersion.sort((a, b) -> Integer.compare(a.sourceVersion(), b.sourceVersion()));
            subjectResults.add(new SubjectResult(
                    name,
                    request.selects(name) ? List.of() : referencedBy.getOrDefault(name, List.of()),
                    byVersion,
                    levels.finish(name, subject.compatibility()),
                    levels.lowered(name),
                    view.unclaimedVersions(name)));
        }
        List<String> onlyOnTarget = targetSnapshot.subjects().keySet().stream()
                .filter(name -> !subjects.containsKey(name))
                .sorted()
                .toList();

        SyncReport.MapFile mapFile = storeMap(request, ids);
        return new SyncReport(
                request.sourceProfile(),
                request.targetProfile(),
                source.url(),
                target.url(),
                request.subjects().pattern(),
                request.dryRun(),
                global,
                subjectResults,
                onlyOnTarget,
                pinned,
                ids.notes(),
                ids.ids(),
                mapFile);
    }

    /** The selected subjects and, repeatedly, the subjects their versions reference. */
    private Map<String, Subject> readSource(SyncRequest request) {
        Map<String, Subject> subjects =
                new TreeMap<>(RegistrySnapshot.read(source, request::selects).subjects());
        Set<String> missing = SyncOrder.missingSubjects(subjects);
        while (!missing.isEmpty()) {
            Set<String> wanted = missing;
            Map<String, Subject> more =
                    RegistrySnapshot.read(source, wanted::contains).subjects();
            if (more.isEmpty()) {
                break; // references to subjects the source does not hold: those versions are skipped
            }
            subjects.putAll(more);
            missing = SyncOrder.missingSubjects(subjects);
            missing.removeAll(wanted);
        }
        return subjects;
    }

    private IdMap merge(SyncRequest request, IdCollector ids) {
        Map<Integer, Integer> merged = new TreeMap<>();
        IdMap.load(request.workspace(), request.sourceProfile(), request.targetProfile())
                .ifPresent(previous -> merged.putAll(previous.ids()));
        merged.putAll(ids.ids());
        return new IdMap(
                request.sourceProfile(), request.targetProfile(), source.url(), target.url(), clock.instant(), merged);
    }

    private SyncReport.MapFile storeMap(SyncRequest request, IdCollector ids) {
        var path = IdMap.file(request.workspace(), request.sourceProfile(), request.targetProfile());
        if (request.dryRun()) {
            return new SyncReport.MapFile(
                    path, SyncReport.MapWrite.NOT_WRITTEN, ids.ids().size());
        }
        var previous = IdMap.load(request.workspace(), request.sourceProfile(), request.targetProfile());
        IdMap merged = merge(request, ids);
        if (previous.isPresent()
                && previous.get().ids().equals(merged.ids())
                && previous.get().sourceUrl().equals(merged.sourceUrl())
                && previous.get().targetUrl().equals(merged.targetUrl())) {
            return new SyncReport.MapFile(
                    path, SyncReport.MapWrite.UNCHANGED, merged.ids().size());
        }
        merged.save(request.workspace());
        return new SyncReport.MapFile(
                path, SyncReport.MapWrite.WRITTEN, merged.ids().size());
    }

    /** The run's source id → target id entries, from the versions found or registered. */
    private static final class IdCollector {
        private final Map<Integer, Integer> ids = new TreeMap<>();
        private final List<String> notes = new ArrayList<>();

        void add(SubjectVersion version, VersionResult result) {
            if (result.targetId().isEmpty()) {
                return;
            }
            int targetId = result.targetId().getAsInt();
            Integer earlier = ids.putIfAbsent(version.id(), targetId);
            if (earlier != null && earlier != targetId) {
                notes.add("source id " + version.id() + " is held on the target under ids " + earlier + " and "
                        + targetId + " (" + version.subject() + " v" + version.version() + "); the map keeps "
                        + earlier + ": both resolve to the same schema");
            }
        }

        Map<Integer, Integer> ids() {
            return ids;
        }

        List<String> notes() {
            return notes;
        }
    }
}
