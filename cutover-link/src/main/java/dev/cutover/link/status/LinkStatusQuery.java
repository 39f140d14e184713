package dev.cutover.link.status;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClientFailures;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Durations;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.engine.OpenTransactions;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Reads a link's status: its state on the target (whether or not the link runs) and the source's transactions open
 * on linked partitions. Every wait is bounded by the profile's {@code timeout}; a target that cannot be read fails
 * with a {@link CutoverException} naming the profile (exit 2 for its configuration, 3 for the cluster). The source is
 * optional: when it cannot be asked, the report says why and the status is still read from the target alone.
 */
public final class LinkStatusQuery {
    /** The source's open transactions are a side note: never wait longer than this for them. */
    static final Duration SOURCE_WAIT = Duration.ofSeconds(10);

    private LinkStatusQuery() {}

    /**
     * @param target the target's profile, where the link's state lives
     * @param source the source's profile, if the workspace has one
     * @param link the link's name
     */
    public static LinkStatusReport read(
            ConnectionProfile target, Optional<ConnectionProfile> source, String link, Clock clock) {
        if (!LinkConfig.validName(link)) {
            throw new CutoverException(
                    Reason.USAGE,
                    "'" + link + "' is not a link name: 1 to 100 letters, digits, '.', '_' or '-'",
                    "name a link of cutover.yaml");
        }
        LinkTopics topics = LinkTopics.named(link);
        List<String> links = linksOn(target);
        LinkState.Snapshot state = links.contains(link) ? state(target, topics) : NEVER_RAN;
        boolean running = state.lease().map(l -> l.freshAt(clock.millis())).orElse(false);
        List<LinkState.PartitionStatus> partitions = state.partitions().values().stream()
                .sorted(Comparator.comparing(LinkState.PartitionStatus::topic)
                        .thenComparingInt(LinkState.PartitionStatus::partition))
                .toList();
        SourceTransactions open = SourceTransactions.of(source, state);
        return new LinkStatusReport(
                LinkStatusReport.VERSION,
                link,
                running,
                state.identity().orElse(null),
                state.lease().orElse(null),
                partitions,
                open.open(),
                open.unknown(),
                unlinkable(state),
                running ? null : state.stopped().orElse(null),
                state.stopRequest().orElse(null),
                links,
                state.reversals().values().stream()
                        .sorted(Comparator.comparing(LinkState.Reversal::topic))
                        .toList());
    }

    private static final LinkState.Snapshot NEVER_RAN =
            new LinkState.Snapshot(Optional.empty(), Optional.empty(), Map.of());

    /**
     * The links with state on the target: the names of its {@code __cutover.<name>.state} topics, sorted. Asked first
     * because reading a topic that does not exist with a consumer would have a broker with {@code
     * auto.create.topics.enable=true} (Kafka's default) create it, with the broker's defaults instead of the link's
     * compacted settings: a status query must not change the target.
     */
    public static List<String> linksOn(ConnectionProfile target) {
        try (ClusterConnection connection = ClusterConnection.open(target)) {
            return linkNames(connection.await(connection.admin().listTopics().names(), "list the target's topics"));
        }
    }

    /** The link names among the target's topic names. */
    public static List<String> linkNames(java.util.Collection<String> topicNames) {
        String prefix = LinkTopics.DEFAULT_PREFIX;
        return topicNames.stream()
                .filter(t -> t.startsWith(prefix) && t.endsWith(".state"))
                .map(t -> t.substring(prefix.length(), t.length() - ".state".length()))
                .filter(LinkConfig::validName)
                .filter(n -> LinkTopics.named(n).state().equals(prefix + n + ".state"))
                .sorted()
                .toList();
    }

    private static LinkState.Snapshot state(ConnectionProfile target, LinkTopics topics) {
        try {
            return LinkState.read(target.clientProperties(), topics, target.timeout());
        } catch (CutoverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ClusterConnection.failure(target, e, "read the link's state from " + topics.state());
        }
    }

    /** Topics the link was asked to copy but cannot (its state's {@code t/<topic>} records), by name. */
    static List<UnlinkableTopic> unlinkable(LinkState.Snapshot state) {
        return state.unlinkedTopics().values().stream()
                .map(t -> new UnlinkableTopic(t.topic(), t.reason()))
                .sorted(Comparator.comparing(UnlinkableTopic::topic))
                .toList();
    }

    /** The source's open transactions on linked partitions, or why they are unknown. */
    record SourceTransactions(List<OpenSourceTransaction> open, String unknown) {
        static SourceTransactions of(Optional<ConnectionProfile> source, LinkState.Snapshot state) {
            if (state.partitions().isEmpty()) {
                return new SourceTransactions(List.of(), null);
            }
            if (source.isEmpty()) {
                return unknown("the workspace has no 'source' profile");
            }
            ConnectionProfile profile = source.get();
            Duration wait = profile.timeout().compareTo(SOURCE_WAIT) < 0 ? profile.timeout() : SOURCE_WAIT;
            try (ClusterConnection connection = ClusterConnection.open(profile)) {
                return new SourceTransactions(
                        OpenTransactions.on(
                                        connection.admin(), state.partitions().keySet(), wait)
                                .stream()
                                .map(OpenSourceTransaction::of)
                                .toList(),
                        null);
            } catch (CutoverException e) {
                return unknown(e.getMessage());
            } catch (TimeoutException e) {
                return unknown("the source did not answer within " + Durations.format(wait));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return unknown(ClientFailures.classify(cause, profile)
                        .map(Throwable::getMessage)
                        .orElse("the source did not list them: " + cause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return unknown("interrupted");
            }
        }

        private static SourceTransactions unknown(String why) {
            return new SourceTransactions(null, why);
        }
    }
}
