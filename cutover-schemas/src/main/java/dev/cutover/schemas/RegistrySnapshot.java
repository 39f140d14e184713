package dev.cutover.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a registry holds, read in one pass: its global compatibility and mode, and every subject (soft-deleted ones
 * too) with all its versions in order, each version's id, schema and references, and the subject's own compatibility
 * and mode.
 *
 * <p>Registries differ in what "the subject's own compatibility" means: Confluent's answers 404 for a subject without
 * one, Apicurio 3.3.3 answers NONE (whatever the global level). Both answer the level that applies with {@code
 * ?defaultToGlobal=true}, and {@link Subject#compatibility()} is that <em>effective</em> level; {@link
 * Subject#ownCompatibility()} is present only when it differs from the global one: the contract a client sees is the
 * effective level, and that is what sync and readiness compare.
 */
public record RegistrySnapshot(
        String url, String globalCompatibility, String globalMode, Map<String, Subject> subjects) {
    public RegistrySnapshot {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(globalCompatibility, "globalCompatibility");
        Objects.requireNonNull(globalMode, "globalMode");
        subjects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subjects));
    }

    /**
     * One subject.
     *
     * @param versions every version, ascending, soft-deleted ones marked
     * @param compatibility the effective compatibility level
     * @param ownCompatibility the subject's level when it differs from the global one
     * @param mode the subject's mode when it differs from the registry's
     */
    public record Subject(
            String name,
            List<SubjectVersion> versions,
            String compatibility,
            Optional<String> ownCompatibility,
            Optional<String> mode) {
        public Subject {
            versions = List.copyOf(versions);
        }

        /** Whether every version is soft-deleted (the subject is listed only with {@code ?deleted=true}). */
        public boolean deleted() {
            return versions.stream().allMatch(SubjectVersion::deleted);
        }
    }

    /** Reads the registry's subjects that {@code include} accepts (soft-deleted ones too). */
    public static RegistrySnapshot read(RegistryClient registry, Predicate<String> include) {
        String global = registry.globalCompatibility();
        String globalMode = registry.mode(Optional.empty()).orElse("READWRITE");
        List<String> live = registry.subjects(false);
        Map<String, Subject> subjects = new LinkedHashMap<>();
        for (String name : registry.subjects(true)) {
            if (!include.test(name)) {
                continue;
            }
            List<Integer> liveVersions = live.contains(name) ? registry.versions(name, false) : List.of();
            List<SubjectVersion> versions = new ArrayList<>();
            for (int number : registry.versions(name, true)) {
                registry.version(name, number)
                        .ifPresent(v -> versions.add(new SubjectVersion(
                                v.subject(), v.version(), v.id(), v.schema(), !liveVersions.contains(number))));
            }
            String effective = registry.effectiveCompatibility(name).orElse(global);
            Optional<String> mode = registry.mode(Optional.of(name)).filter(m -> !m.equals(globalMode));
            subjects.put(
                    name,
                    new Subject(
                            name, versions, effective, Optional.of(effective).filter(c -> !c.equals(global)), mode));
        }
        return new RegistrySnapshot(registry.url(), global, globalMode, subjects);
    }

    /** Every version of every subject. */
    public List<SubjectVersion> allVersions() {
        return subjects.values().stream()
                .map(Subject::versions)
                .flatMap(Collection::stream)
                .toList();
    }

    /** The versions that use a global id. */
    public List<SubjectVersion> usesOf(int id) {
        return allVersions().stream().filter(v -> v.id() == id).toList();
    }
}
