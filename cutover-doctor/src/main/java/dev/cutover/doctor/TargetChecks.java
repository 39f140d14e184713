package dev.cutover.doctor;

import dev.cutover.config.ClusterConnection;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.state.LinkTopics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;

/**
 * The target profile's rights for {@code link start} and the {@code offsets} commands, per link of cutover.yaml: the
 * linked topics (existing: WRITE, READ, DESCRIBE, DESCRIBE_CONFIGS, and ALTER, ALTER_CONFIGS to follow changes; not
 * yet there: CREATE), the link's internal topics, its transactional id, CLUSTER rights for the ACL and quota sync, the
 * groups {@code offsets sync} would commit, and free space for what the link will copy.
 */
final class TargetChecks {
    private static final Set<AclOperation> TOPIC_NEEDS =
            EnumSet.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
    private static final Set<AclOperation> TOPIC_FOLLOWS = EnumSet.of(AclOperation.ALTER, AclOperation.ALTER_CONFIGS);
    private static final Set<AclOperation> INTERNAL_NEEDS =
            EnumSet.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE);
    private static final Set<AclOperation> SECURITY_SYNC = EnumSet.of(
            AclOperation.DESCRIBE, AclOperation.ALTER, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS);

    private final ClusterConnection c;
    private final Access access;
    private final List<LinkConfig> links;
    private final Optional<SourceFacts> source;
    private final Collection<Node> nodes;

    TargetChecks(
            ClusterConnection c,
            Access access,
            List<LinkConfig> links,
            Optional<SourceFacts> source,
            Collection<Node> nodes) {
        this.c = c;
        this.access = access;
        this.links = links;
        this.source = source;
        this.nodes = nodes;
    }

    void run(List<Check> checks) {
        Set<String> existing = new TreeSet<>(c.await(
                c.admin().listTopics(new ListTopicsOptions().listInternal(true)).names(), "list the topics"));
        boolean mayCreate = access.missingOnCluster(EnumSet.of(AclOperation.CREATE))
                .map(Set::isEmpty)
                .orElse(false);
        for (LinkConfig link : links) {
            String prefix = "link '" + link.name() + "' ";
            LinkTopics internal = LinkTopics.named(link.name());
            checks.add(topics(
                    prefix + "internal topics",
                    List.of(internal.state(), internal.offsets()),
                    existing,
                    mayCreate,
                    INTERNAL_NEEDS,
                    EnumSet.noneOf(AclOperation.class)));
            checks.add(
                    new TransactionalIdCheck(c, access).check(prefix + "transactional id", internal.transactionalId()));
            if (source.isEmpty()) {
                checks.add(Check.unknown(
                        prefix + "target topics",
                        "the source profile could not be read, so the topics the link would copy are not known",
                        "fix the source profile first"));
            } else {
                List<String> linked = source.get().linked().getOrDefault(link.name(), List.of());
                checks.add(topics(prefix + "target topics", linked, existing, mayCreate, TOPIC_NEEDS, TOPIC_FOLLOWS));
                checks.add(space(link));
            }
            if (LinkSettings.of(link).syncSecurity()) {
                checks.add(securitySync(prefix + "ACL and quota sync"));
            }
        }
        source.ifPresent(s -> checks.add(new GroupRightsCheck(c, access).check(s.groups())));
    }

    private Check topics(
            String name,
            List<String> topics,
            Set<String> existing,
            boolean mayCreate,
            Set<AclOperation> needs,
            Set<AclOperation> follows) {
        if (topics.isEmpty()) {
            return Check.pass(name, "no topic to copy");
        }
        List<String> present = topics.stream().filter(existing::contains).toList();
        List<String> absent = topics.stream().filter(t -> !existing.contains(t)).toList();
        Map<String, TopicDescription> described = Authorized.topics(c, present);
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        described.forEach((topic, d) -> {
            Optional<Set<AclOperation>> missing = access.missing(d.authorizedOperations(), needs);
            Optional<Set<AclOperation>> missingFollow = access.missing(d.authorizedOperations(), follows);
            if (missing.isEmpty()) {
                unknown.add(topic);
                return;
            }
            if (!missing.get().isEmpty()) {
                failures.add(topic + " " + missing.get());
            }
            if (missingFollow.isPresent() && !missingFollow.get().isEmpty()) {
                warnings.add(topic + " " + missingFollow.get());
            }
        });
        StringBuilder found = new StringBuilder(present.size() + " exist, " + absent.size() + " to create");
        if (!absent.isEmpty() && !mayCreate) {
            unknown.add(absent.size() + " to create");
        }
        if (!failures.isEmpty()) {
            found.append("; missing: ").append(Authorized.list(failures, 10));
            return Check.fail(
                    name,
                    found + " (`link start` stops with exit 3)",
                    "grant the target profile's principal " + needs + " on these topics (README: Permissions)");
        }
        if (!unknown.isEmpty()) {
            return Check.unknown(
                    name,
                    found + "; not known: " + Authorized.list(unknown, 5) + " (Kafka reports CREATE for a topic"
                            + " only once it exists; with no CREATE on CLUSTER a topic or prefixed ACL may still"
                            + " allow it)",
                    "grant CREATE on CLUSTER, or check that a topic ACL (literal or prefixed) allows CREATE for"
                            + " these names");
        }
        if (!warnings.isEmpty()) {
            return Check.warn(
                    name,
                    found + "; cannot follow later changes: " + Authorized.list(warnings, 10),
                    "grant ALTER and ALTER_CONFIGS on these topics, so partition increases and config changes follow");
        }
        return Check.pass(name, found + (absent.isEmpty() ? "" : " (CREATE on CLUSTER)") + "; rights " + needs);
    }

    private Check space(LinkConfig link) {
        String name = "link '" + link.name() + "' free space";
        OptionalLong needed = source.get().bytes().getOrDefault(link.name(), OptionalLong.empty());
        int partitions = source.get().partitions().getOrDefault(link.name(), 0);
        Map<Integer, Long> usable;
        try {
            usable = Space.usable(c, nodes);
        } catch (dev.cutover.api.CutoverException e) {
            return Check.unknown(name, "the brokers' log directories cannot be described: " + e.getMessage(), "");
        }
        if (usable.isEmpty()) {
            return Check.unknown(name, "the brokers do not report usable space (Kafka 3.3 or later does)", "");
        }
        long free = usable.values().stream().mapToLong(Long::longValue).sum();
        String map = "the offset map adds up to ~" + Space.human(partitions * Space.MAP_BYTES_PER_PARTITION_DAY)
                + " a day at most (" + partitions + " partition(s))";
        if (needed.isEmpty()) {
            return Check.unknown(
                    name,
                    Space.human(free) + " usable on the target; the linked topics' size on the source is not readable"
                            + " (DESCRIBE on the source's CLUSTER); " + map,
                    "");
        }
        String found = "linked topics hold " + Space.human(needed.getAsLong()) + " on the source (one replica); "
                + Space.human(free) + " usable over " + usable.size() + " target broker(s); " + map;
        if (free < needed.getAsLong()) {
            return Check.warn(name, found, "free space on the target's brokers, or link fewer topics at a time");
        }
        return Check.pass(name, found);
    }

    private Check securitySync(String name) {
        Optional<Set<AclOperation>> missing = access.missingOnCluster(SECURITY_SYNC);
        if (missing.isEmpty()) {
            return Check.unknown(name, "the cluster did not report cutover's operations on CLUSTER", "");
        }
        if (!missing.get().isEmpty()) {
            return Check.warn(
                    name,
                    "no " + missing.get() + " on CLUSTER: the link copies the records but reports and skips the ACL"
                            + " and quota sync",
                    "grant DESCRIBE, ALTER, DESCRIBE_CONFIGS and ALTER_CONFIGS on CLUSTER, or set syncSecurity: false");
        }
        return Check.pass(name, SECURITY_SYNC + " on CLUSTER");
    }
}
