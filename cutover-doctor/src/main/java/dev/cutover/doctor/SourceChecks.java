package dev.cutover.doctor;

import dev.cutover.config.ClusterConnection;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.sync.TopicSelection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;

/**
 * The source profile's rights for {@code link start} (per link of cutover.yaml: READ, DESCRIBE, DESCRIBE_CONFIGS on
 * the topics it selects; DESCRIBE and DESCRIBE_CONFIGS on CLUSTER for the ACL and quota sync) and for the {@code
 * offsets} commands (DESCRIBE on the groups); gathers what the target's checks need.
 */
final class SourceChecks {
    private static final Set<AclOperation> TOPIC_RIGHTS =
            EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);

    private final ClusterConnection c;
    private final Access access;
    private final List<LinkConfig> links;

    SourceChecks(ClusterConnection c, Access access, List<LinkConfig> links) {
        this.c = c;
        this.access = access;
        this.links = links;
    }

    SourceFacts run(List<Check> checks) {
        Set<String> visible = new TreeSet<>(c.await(
                c.admin()
                        .listTopics(new ListTopicsOptions().listInternal(false))
                        .names(),
                "list the topics"));
        Map<String, List<String>> linked = new LinkedHashMap<>();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Map<String, OptionalLong> bytes = new LinkedHashMap<>();
        for (LinkConfig link : links) {
            TopicSelection selection = selection(link);
            List<String> topics = visible.stream()
                    .filter(t ->
                            selection.selects(t) && selection.excludedByName(t).isEmpty())
                    .toList();
            Map<String, TopicDescription> described = Authorized.topics(c, topics);
            linked.put(link.name(), List.copyOf(described.keySet()));
            partitions.put(
                    link.name(),
                    described.values().stream()
                            .mapToInt(d -> d.partitions().size())
                            .sum());
            checks.add(topicRights(link, described));
            if (LinkSettings.of(link).syncSecurity()) {
                checks.add(securitySyncRights(link));
            }
            bytes.put(link.name(), Space.topicBytes(c, nodes(), described.keySet()));
        }
        List<String> groups = c.await(c.admin().listConsumerGroups().all(), "list the consumer groups").stream()
                .map(ConsumerGroupListing::groupId)
                .sorted()
                .toList();
        checks.add(Check.pass(
                "offsets groups",
                groups.size() + " consumer group(s) this principal may describe (`offsets translate`/`sync` need"
                        + " DESCRIBE on a group; one without it is not listed and cannot be moved)"));
        return new SourceFacts(linked, partitions, bytes, groups);
    }

    static TopicSelection selection(LinkConfig link) {
        LinkSettings settings = LinkSettings.of(link);
        TopicSelection selection = TopicSelection.matching(settings.include().pattern());
        return settings.exclude().map(p -> selection.excluding(p.pattern())).orElse(selection);
    }

    private List<Node> nodes() {
        return new ArrayList<>(c.await(c.admin().describeCluster().nodes(), "list the brokers"));
    }

    private Check topicRights(LinkConfig link, Map<String, TopicDescription> described) {
        String name = "link '" + link.name() + "' source topics";
        if (described.isEmpty()) {
            return Check.warn(
                    name,
                    "the link selects no topic this principal may see (a topic without DESCRIBE is not listed)",
                    "check the link's topics pattern, and grant DESCRIBE on the topics it should copy");
        }
        Map<AclOperation, List<String>> lacking = new TreeMap<>();
        List<String> unreported = new ArrayList<>();
        described.forEach((topic, d) -> {
            Optional<Set<AclOperation>> missing = access.missing(d.authorizedOperations(), TOPIC_RIGHTS);
            if (missing.isEmpty()) {
                unreported.add(topic);
            } else {
                missing.get().forEach(op -> lacking.computeIfAbsent(op, k -> new ArrayList<>())
                        .add(topic));
            }
        });
        if (!lacking.isEmpty()) {
            StringBuilder found = new StringBuilder();
            lacking.forEach((op, topics) -> found.append(found.length() == 0 ? "" : "; ")
                    .append("no ")
                    .append(op)
                    .append(" on ")
                    .append(topics.size())
                    .append(" of ")
                    .append(described.size())
                    .append(" linked topic(s): ")
                    .append(Authorized.list(topics, 10)));
            return Check.fail(
                    name,
                    found + " (`link start` stops with exit 3)",
                    "grant the source profile's principal READ, DESCRIBE and DESCRIBE_CONFIGS on the linked topics");
        }
        if (!unreported.isEmpty()) {
            return Check.unknown(
                    name,
                    "the cluster did not report cutover's operations on " + unreported.size() + " topic(s)",
                    "run `link start --dry-run`: it names what it is refused");
        }
        return Check.pass(name, "READ, DESCRIBE and DESCRIBE_CONFIGS on all " + described.size() + " linked topic(s)");
    }

    private Check securitySyncRights(LinkConfig link) {
        String name = "link '" + link.name() + "' source ACL and quota reads";
        Optional<Set<AclOperation>> missing =
                access.missingOnCluster(EnumSet.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        if (missing.isEmpty()) {
            return Check.unknown(name, "the cluster did not report cutover's operations on CLUSTER", "");
        }
        if (!missing.get().isEmpty()) {
            return Check.warn(
                    name,
                    "no " + missing.get() + " on CLUSTER: the link copies the records but reports and skips the"
                            + " ACL and quota sync",
                    "grant DESCRIBE and DESCRIBE_CONFIGS on CLUSTER, or set syncSecurity: false for this link");
        }
        return Check.pass(name, "DESCRIBE and DESCRIBE_CONFIGS on CLUSTER");
    }
}
