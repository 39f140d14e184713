package dev.cutover.link.groups;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.internal.AdminAwait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The Admin calls of {@link GroupOffsets} on one cluster. Whole-call failures become {@link CutoverException}s with a
 * reason (unreachable, denied); a group that does not exist reads as one with no offsets and no members.
 */
final class GroupAdmin {
    private final Admin admin;
    private final String cluster;
    private final AdminAwait calls;

    GroupAdmin(Admin admin, String cluster, Duration timeout) {
        this.admin = admin;
        this.cluster = cluster;
        this.calls = new AdminAwait(
                cluster,
                timeout,
                "grant the profile's principal DESCRIBE on groups and topics (and READ on groups to commit offsets on"
                        + " the target)");
    }

    String cluster() {
        return cluster;
    }

    /** The group's committed offsets (partitions without one are left out). */
    Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            return present(await(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "read the committed offsets of group '" + group + "'"));
        } catch (GroupNotFound e) {
            return Map.of();
        }
    }

    /** Every group but share groups (which have no committed offsets), by id. */
    List<String> groups() {
        List<String> ids = new ArrayList<>();
        for (GroupListing g : await(admin.listGroups(new ListGroupsOptions()).all(), "list the groups")) {
            if (g.type().filter(GroupType.SHARE::equals).isEmpty()) {
                ids.add(g.groupId());
            }
        }
        ids.sort(null);
        return ids;
    }

    /** The committed offsets of many groups in one call; a group whose offsets cannot be read maps to empty. */
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(List<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var result = admin.listConsumerGroupOffsets(specs);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> out = new LinkedHashMap<>();
        for (String g : groups) {
            try {
                out.put(g, present(await(result.partitionsToOffsetAndMetadata(g), "read the offsets of group " + g)));
            } catch (GroupNotFound e) {
                out.put(g, Map.of());
            }
        }
        return out;
    }

    /** The group's description, or empty when the group does not exist. */
    Optional<ConsumerGroupDescription> describe(String group) {
        try {
            return Optional.of(await(
                    admin.describeConsumerGroups(List.of(group))
                            .describedGroups()
                            .get(group),
                    "describe group '" + group + "'"));
        } catch (GroupNotFound e) {
            return Optional.empty();
        }
    }

    /** Commits offsets; returns the failure (not reachability or permission, which throw), or empty on success. */
    Optional<Throwable> alter(String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            await(admin.alterConsumerGroupOffsets(group, offsets).all(), "commit offsets of group '" + group + "'");
            return Optional.empty();
        } catch (GroupNotFound e) {
            return Optional.of(e.getCause());
        } catch (CutoverException e) {
            if (e.reason() == Reason.CLUSTER_UNREACHABLE
                    && e.getCause() != null
                    && !(e.getCause() instanceof RetriableException)) {
                return Optional.of(e.getCause());
            }
            throw e;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> present(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        offsets.forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o);
            }
        });
        return out;
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        return calls.await(
                future, what, cause -> cause instanceof GroupIdNotFoundException ? new GroupNotFound(cause) : null);
    }

    /** A group that does not exist; callers read it as empty. */
    private static final class GroupNotFound extends RuntimeException {
        GroupNotFound(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
