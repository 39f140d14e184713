package dev.cutover.link.lifecycle;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes a stopped link's internal topics from the target ({@code __cutover.<link>.state} and {@code .offsets}): its
 * progress, lease and offset map. The topics it copied stay. Refused while an instance holds a fresh lease; a deleted
 * link that is started again begins from scratch ({@code --from}), and its offset map no longer translates groups.
 * Needs {@code DELETE} on the two topics.
 */
public final class LinkDelete {
    private LinkDelete() {}

    /**
     * What deleting the link would remove, found before asking for confirmation.
     *
     * @param topics its internal topics that exist on the target (empty: the link never ran there)
     * @param linksOnTarget the links with state on the target, for a suggestion when this one has none
     * @param stopped its last clean stop, if recorded
     */
    public record Plan(
            String link, List<String> topics, List<String> linksOnTarget, Optional<LinkState.Stopped> stopped) {
        public Plan {
            topics = List.copyOf(topics);
            linksOnTarget = List.copyOf(linksOnTarget);
        }

        public boolean neverRan() {
            return topics.isEmpty();
        }
    }

    /**
     * Finds the link's internal topics; refuses ({@link Reason#CHECK_FAILED}, exit 1) while an instance runs it, naming
     * where, and what to do.
     */
    public static Plan plan(ConnectionProfile target, String link, Clock clock) {
        LinkTopics topics = LinkTopics.named(link);
        Set<String> names;
        try (ClusterConnection connection = ClusterConnection.open(target)) {
            names = connection.await(connection.admin().listTopics().names(), "list the target's topics");
        }
        List<String> own = List.of(topics.state(), topics.offsets()).stream()
                .filter(names::contains)
                .toList();
        List<String> links = dev.cutover.link.status.LinkStatusQuery.linkNames(names);
        if (!names.contains(topics.state())) {
            return new Plan(link, own, links, Optional.empty());
        }
        LinkState.Snapshot state;
        try {
            state = LinkState.read(target.clientProperties(), topics, target.timeout());
        } catch (CutoverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(target, e, "read the link's state from " + topics.state());
        }
        Optional<LinkState.Lease> running = state.lease().filter(l -> l.freshAt(clock.millis()));
        if (running.isPresent()) {
            LinkState.Lease l = running.get();
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "link '" + link + "' is running on " + l.host() + " (pid " + l.pid()
                            + "): its internal topics are in use",
                    "stop it first: cutover link stop --name " + link);
        }
        return new Plan(link, own, links, state.stopped());
    }

    /** Deletes the plan's topics; returns them. */
    public static List<String> delete(ConnectionProfile target, Plan plan) {
        if (plan.topics().isEmpty()) {
            return List.of();
        }
        try (ClusterConnection connection = ClusterConnection.open(target)) {
            connection.await(
                    connection.admin().deleteTopics(plan.topics()).all(),
                    "delete the internal topics of link '" + plan.link() + "'");
        }
        return plan.topics();
    }
}
