package dev.cutover.link.status;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import java.util.List;
import java.util.Objects;

/**
 * What {@code link status} reports, and its JSON form ({@value #VERSION}; the field names are a stable interface,
 * new fields are only ever added):
 *
 * <ul>
 *   <li>{@code version}: {@value #VERSION};
 *   <li>{@code link}: the link's name;
 *   <li>{@code running}: whether an instance holds a fresh lease now;
 *   <li>{@code identity}: the clusters the link links ({@link LinkState.Identity}), null if it never ran against this
 *       target;
 *   <li>{@code lease}: the last lease written ({@link LinkState.Lease}), or null;
 *   <li>{@code partitions}: one {@link LinkState.PartitionStatus} per linked partition, ordered by topic and partition;
 *   <li>{@code openSourceTransactions}: the source's transactions open on linked partitions (their records are copied
 *       only once they commit), or null when the source could not be asked, with {@code
 *       openSourceTransactionsUnknown} saying why (else null);
 *   <li>{@code unlinkableTopics}: topics the link was asked to copy but cannot, with the reason; empty when none;
 *   <li>{@code stopped}: the last clean stop ({@link LinkState.Stopped}: when, why, by which instance), or null when
 *       the link has not stopped cleanly since it last started;
 *   <li>{@code stopRequest}: a stop asked for with {@code cutover link stop} and not yet answered, or null;
 *   <li>{@code linksOnTarget}: the names of the links with state on the target (from its {@code __cutover.<name>.state}
 *       topics), sorted; shown as a suggestion when this link never ran;
 *   <li>{@code turnedAround}: the topics a producer move turned around ({@link LinkState.Reversal}: where on each side
 *       its writers took over, asked by whom, when), which the link's process copies back to the source with its
 *       reverse copy, sorted by topic; empty when none.
 * </ul>
 *
 * The link is in error ({@link #anyError()}, exit 1) while a partition is stopped ({@link PartitionState#ERROR}) or a
 * topic is unlinkable; warnings alone are not errors.
 */
public record LinkStatusReport(
        int version,
        String link,
        boolean running,
        LinkState.Identity identity,
        LinkState.Lease lease,
        List<LinkState.PartitionStatus> partitions,
        List<OpenSourceTransaction> openSourceTransactions,
        String openSourceTransactionsUnknown,
        List<UnlinkableTopic> unlinkableTopics,
        LinkState.Stopped stopped,
        LinkState.StopRequest stopRequest,
        List<String> linksOnTarget,
        List<LinkState.Reversal> turnedAround) {
    public static final int VERSION = 1;

    public LinkStatusReport {
        Objects.requireNonNull(link, "link");
        linksOnTarget = List.copyOf(linksOnTarget);
        partitions = List.copyOf(partitions);
        openSourceTransactions = openSourceTransactions == null ? null : List.copyOf(openSourceTransactions);
        unlinkableTopics = List.copyOf(unlinkableTopics);
        turnedAround = turnedAround == null ? List.of() : List.copyOf(turnedAround);
        if ((openSourceTransactions == null) == (openSourceTransactionsUnknown == null)) {
            throw new IllegalArgumentException("either the open source transactions or why they are unknown");
        }
    }

    /** A report without a stop, a stop request, or other links (as before those fields existed). */
    public LinkStatusReport(
            int version,
            String link,
            boolean running,
            LinkState.Identity identity,
            LinkState.Lease lease,
            List<LinkState.PartitionStatus> partitions,
            List<OpenSourceTransaction> openSourceTransactions,
            String openSourceTransactionsUnknown,
            List<UnlinkableTopic> unlinkableTopics) {
        this(
                version,
                link,
                running,
                identity,
                lease,
                partitions,
                openSourceTransactions,
                openSourceTransactionsUnknown,
                unlinkableTopics,
                null,
                null,
                List.of(),
                List.of());
    }

    /** Whether the link has never run against this target (no identity written). */
    public boolean neverRan() {
        return identity == null;
    }

    /** The partitions stopped for good, each with its reason. */
    public List<LinkState.PartitionStatus> stoppedPartitions() {
        return partitions.stream()
                .filter(p -> p.state() == PartitionState.ERROR)
                .toList();
    }

    /** Whether {@code link status} fails (exit 1): a partition stopped, or a topic the link cannot copy. */
    public boolean anyError() {
        return !stoppedPartitions().isEmpty() || !unlinkableTopics.isEmpty();
    }
}
