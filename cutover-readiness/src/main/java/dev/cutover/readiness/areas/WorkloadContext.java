package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.Glob;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.workloads.DiscoveredClient;
import dev.cutover.inventory.workloads.WorkloadView;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.Freshness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rules know about one workload: its manifest entry, what the source inventory matched to it, and the facts
 * derived from both (groups, transactional ids, topics read and written, principal, client software), plus its
 * evidence.
 *
 * <p>Topics read are those the workload's groups have committed offsets on or are assigned; topics written are the
 * rest of its topics (all of them for a workload that only produces), plus those in its open transactions.
 */
public final class WorkloadContext {
    private final Workload workload;
    private final WorkloadView view;
    private final ReadinessInput input;
    private final List<String> groups;
    private final List<String> groupPrefixes;
    private final List<String> transactionalIds;
    private final List<String> transactionalPrefixes;
    private final List<String> topics;
    private final List<String> readTopics;
    private final List<String> writtenTopics;

    WorkloadContext(Workload workload, WorkloadView view, ReadinessInput input) {
        this.workload = workload;
        this.view = view;
        this.input = input;
        List<DiscoveredClient> matched = view == null ? List.of() : view.matched();
        this.groups = ids(matched, "group", workload.match().groupIds());
        this.groupPrefixes = prefixes(workload.match().groupIds());
        this.transactionalIds =
                ids(matched, "transactional-id", workload.match().transactionalIds());
        this.transactionalPrefixes = prefixes(workload.match().transactionalIds());
        Set<String> all = new LinkedHashSet<>(workload.topics());
        if (view != null) {
            all.addAll(view.topics());
        }
        this.topics = all.stream().filter(t -> !Glob.isGlob(t)).toList();
        ClusterInventory source = input.source().cluster();
        Set<String> read = new TreeSet<>();
        for (String g : groups) {
            source.group(g).ifPresent(group -> {
                group.offsets().forEach(o -> read.add(o.topic()));
                group.members().forEach(m -> m.assignment().forEach(a -> read.add(a.topic())));
            });
        }
        boolean consumes = has(Role.CONSUMER) || has(Role.STREAMS) || has(Role.CONNECT);
        boolean produces = has(Role.PRODUCER) || has(Role.STREAMS) || has(Role.CONNECT);
        if (consumes && read.isEmpty()) {
            read.addAll(topics);
        }
        Set<String> written = new TreeSet<>();
        if (produces) {
            topics.stream().filter(t -> !consumes || !read.contains(t)).forEach(written::add);
            for (String id : transactionalIds) {
                source.transaction(id).ifPresent(tx -> tx.topicPartitions().forEach(tp -> written.add(tp.topic())));
            }
            if (written.isEmpty()) {
                written.addAll(topics);
            }
        }
        this.readTopics = consumes ? List.copyOf(read) : List.of();
        this.writtenTopics = List.copyOf(written);
    }

    public Workload workload() {
        return workload;
    }

    public String name() {
        return workload.name();
    }

    public String owner() {
        return workload.owner();
    }

    /** What the source inventory matched to it, if the inventory has it. */
    public Optional<WorkloadView> view() {
        return Optional.ofNullable(view);
    }

    public ReadinessInput input() {
        return input;
    }

    public boolean has(Role role) {
        return workload.roles().contains(role);
    }

    /** Whether it reads with a consumer group (consumer, Streams or Connect). */
    public boolean consumes() {
        return has(Role.CONSUMER) || has(Role.STREAMS) || has(Role.CONNECT) || !groups.isEmpty();
    }

    /** Group ids: those the inventory matched and the literal ones in its match. */
    public List<String> groups() {
        return groups;
    }

    /** {@code match.groupId} globs of the form {@code prefix*}, as prefixes. */
    public List<String> groupPrefixes() {
        return groupPrefixes;
    }

    public List<String> transactionalIds() {
        return transactionalIds;
    }

    public List<String> transactionalPrefixes() {
        return transactionalPrefixes;
    }

    public boolean transactional() {
        return !transactionalIds.isEmpty() || !transactionalPrefixes.isEmpty();
    }

    /** Its topics without globs: declared, then discovered. */
    public List<String> topics() {
        return topics;
    }

    public List<String> readTopics() {
        return readTopics;
    }

    public List<String> writtenTopics() {
        return writtenTopics;
    }

    /** The source groups it owns that are Kafka Streams applications or Connect workers. */
    public List<Group> sourceGroups() {
        return groups.stream()
                .map(g -> input.source().cluster().group(g))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * The principal it authenticates as: the first literal {@code match.principal}, else the one principal the source
     * ACLs matched to it.
     */
    public Optional<String> principal() {
        Optional<String> declared = workload.match().principals().stream()
                .filter(p -> !Glob.isGlob(p))
                .findFirst();
        if (declared.isPresent()) {
            return declared;
        }
        List<String> found = view().stream()
                .flatMap(v -> v.matched().stream())
                .filter(c -> c.kind().equals("principal"))
                .map(DiscoveredClient::id)
                .distinct()
                .toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * Client software (name/version): attributed by the source inventory (KIP-511), and named by usable, passing
     * evidence of the protocol area in its {@code clientSoftware} detail. Source of each, by software.
     */
    public Map<String, String> clientSoftware() {
        Map<String, String> software = new LinkedHashMap<>();
        view().ifPresent(v -> v.clientSoftware().forEach(s -> software.putIfAbsent(s, "inventory (KIP-511)")));
        usable(Area.PROTOCOL).stream().filter(a -> a.evidence().passed()).forEach(a -> {
            String named = a.evidence().details().get("clientSoftware");
            if (named != null && !named.isBlank()) {
                software.putIfAbsent(named.trim(), a.stored().path());
            }
        });
        return software;
    }

    /** Its evidence in an area that still counts, oldest first. */
    public List<Freshness.Assessed> usable(Area area) {
        return mine(area).stream().filter(Freshness.Assessed::usable).toList();
    }

    /**
     * The evidence that supports the area: per kind, the newest usable record, if it passed. Newer failures are
     * reported by {@link #evidenceFindings}.
     */
    public List<Freshness.Assessed> passing(Area area) {
        return newestPerKind(area).stream().filter(a -> a.evidence().passed()).toList();
    }

    /** Passing evidence of one kind whose detail {@code key} equals {@code value}. */
    public List<Freshness.Assessed> passing(Area area, String kind, String key, String value) {
        return passing(area).stream()
                .filter(a -> kind == null || a.evidence().kind().equals(kind))
                .filter(a -> value.equals(a.evidence().details().get(key)))
                .toList();
    }

    /** Paths of the passing evidence of an area. */
    public List<String> passingPaths(Area area) {
        return passing(area).stream().map(a -> a.stored().path()).toList();
    }

    /**
     * Findings about the area's evidence: {@code EVID-001} (info) for each stale record and why it no longer counts,
     * {@code EVID-002} (warning) when the newest usable record of a kind failed.
     */
    public List<Finding> evidenceFindings(Area area) {
        List<Finding> findings = new ArrayList<>();
        String subject = "workload " + name();
        for (Freshness.Assessed a : mine(area)) {
            a.staleBecause()
                    .ifPresent(why -> findings.add(new Finding(
                            "EVID-001",
                            Severity.INFO,
                            subject,
                            a.evidence().kind() + " evidence does not count: " + why,
                            List.of(a.stored().path()))));
        }
        for (Freshness.Assessed a : newestPerKind(area)) {
            // A failed verify is TOPIC-013, with its counts: not repeated as EVID-002.
            if (!a.evidence().passed() && !a.evidence().kind().equals(Evidence.VERIFY)) {
                String note = a.evidence().details().getOrDefault("note", "");
                findings.add(new Finding(
                        "EVID-002",
                        Severity.WARNING,
                        subject,
                        "the latest " + a.evidence().kind() + " evidence failed" + (note.isEmpty() ? "" : ": " + note),
                        List.of(a.stored().path())));
            }
        }
        return findings;
    }

    /** Its records in an area, previews left out: a preview shows what a command saw, never that it worked. */
    private List<Freshness.Assessed> mine(Area area) {
        return input.evidence().stream()
                .filter(a ->
                        a.evidence().workload().equals(name()) && a.evidence().area() == area)
                .filter(a -> !a.evidence().preview())
                .toList();
    }

    /**
     * The verify record that decides the topic's parity: the newest usable one about {@code topic} ({@link
     * Evidence#scope()}) filed under this workload, or under the topic's own name, where {@code cutover verify} files
     * it when no workload lists the topic under {@code topics:} (unless a workload has that name). Older records,
     * passing or not, are superseded by it.
     */
    public Optional<Freshness.Assessed> verifyOf(String topic) {
        boolean filedUnderTopic =
                input.manifest().workloads().stream().noneMatch(w -> w.name().equals(topic));
        return input.evidence().stream()
                .filter(a -> a.evidence().workload().equals(name())
                        || (filedUnderTopic && a.evidence().workload().equals(topic)))
                .filter(a -> a.evidence().area() == Area.TOPICS
                        && a.evidence().kind().equals(Evidence.VERIFY))
                .filter(a -> !a.evidence().preview() && a.usable())
                .filter(a -> a.evidence().scope().equals(topic))
                .max(Comparator.comparing((Freshness.Assessed a) -> a.evidence().takenAtInstant())
                        .thenComparing(a -> a.stored().path()));
    }

    /** Its usable previews in an area whose detail {@code key} equals {@code value}. */
    public List<Freshness.Assessed> previews(Area area, String key, String value) {
        return input.evidence().stream()
                .filter(a ->
                        a.evidence().workload().equals(name()) && a.evidence().area() == area)
                .filter(a -> a.evidence().preview() && a.usable())
                .filter(a -> value.equals(a.evidence().details().get(key)))
                .toList();
    }

    private List<Freshness.Assessed> newestPerKind(Area area) {
        Map<String, Freshness.Assessed> newest = new LinkedHashMap<>();
        usable(area).stream()
                .sorted(Comparator.comparing(
                                (Freshness.Assessed a) -> a.evidence().takenAtInstant())
                        .thenComparing(a -> a.stored().path()))
                .forEach(a -> newest.put(kindKey(a.evidence()), a));
        return List.copyOf(newest.values());
    }

    /** Offsets evidence is per group, verify evidence per topic ({@link Evidence#scope()}); other kinds per kind. */
    private static String kindKey(Evidence e) {
        return e.scope().isEmpty() ? e.kind() : e.kind() + "/" + e.scope();
    }

    private static List<String> ids(List<DiscoveredClient> matched, String kind, List<String> declared) {
        Set<String> ids = new TreeSet<>();
        matched.stream().filter(c -> c.kind().equals(kind)).forEach(c -> ids.add(c.id()));
        declared.stream().filter(d -> !Glob.isGlob(d)).forEach(ids::add);
        return List.copyOf(ids);
    }

    private static List<String> prefixes(List<String> declared) {
        return declared.stream()
                .filter(d -> d.endsWith("*") && !Glob.isGlob(d.substring(0, d.length() - 1)))
                .map(d -> d.substring(0, d.length() - 1))
                .filter(p -> !p.isEmpty())
                .toList();
    }
}
