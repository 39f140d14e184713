package dev.cutover.orchestrator;

import dev.cutover.config.ClusterConnection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;

/**
 * What a wave's start finds on the source to resolve its moves: every group (and which are Kafka Connect workers'
 * groups, protocol {@code connect}) and every topic (Kafka Streams' and Connect's internal ones among them).
 */
record SourceView(List<String> groups, Set<String> connectGroups, List<String> topics) {
    /** Nothing asked of the source: a workspace's own mistakes are found first, and recorded moves are read back. */
    static final SourceView NONE = new SourceView(List.of(), Set.of(), List.of());

    SourceView {
        groups = List.copyOf(groups);
        connectGroups = Set.copyOf(connectGroups);
        topics = List.copyOf(topics);
    }

    static SourceView of(ClusterConnection source) {
        List<GroupListing> listings = List.copyOf(
                source.await(source.admin().listGroups(new ListGroupsOptions()).all(), "list the groups"));
        Set<String> connect = new TreeSet<>();
        listings.stream().filter(l -> "connect".equals(l.protocol())).forEach(l -> connect.add(l.groupId()));
        return new SourceView(
                listings.stream().map(GroupListing::groupId).sorted().toList(),
                connect,
                WaveMoves.sourceTopics(source));
    }
}
