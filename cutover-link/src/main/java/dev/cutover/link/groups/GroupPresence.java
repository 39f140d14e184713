package dev.cutover.link.groups;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a group exists and whether it is live, on one cluster: the checks {@link GroupOffsets} makes before it
 * translates or writes a group.
 */
final class GroupPresence {
    private static final Set<GroupState> IDLE = Set.of(GroupState.EMPTY, GroupState.DEAD);

    private GroupPresence() {}

    /**
     * A group with no committed offsets that the cluster does not know (no description, or DEAD with no members) is a
     * name nobody uses, most often a typo: a usage error naming the similar groups that exist, so that no command
     * records evidence about it.
     */
    static void requireKnown(GroupAdmin on, String group, Map<TopicPartition, OffsetAndMetadata> committed) {
        if (!committed.isEmpty()) {
            return;
        }
        Optional<ConsumerGroupDescription> d = on.describe(group);
        boolean known = d.isPresent()
                && (!d.get().members().isEmpty()
                        || (d.get().groupState() != null && d.get().groupState() != GroupState.DEAD));
        if (known) {
            return;
        }
        List<String> similar =
                on.groups().stream().filter(g -> similar(g, group)).limit(5).toList();
        throw new CutoverException(
                Reason.USAGE,
                "group '" + group + "' is unknown on the " + on.cluster()
                        + ": it has no committed offsets and the cluster does not know it",
                similar.isEmpty()
                        ? "check the group's name (cutover inventory lists the source's groups)"
                        : "check the group's name; did you mean " + String.join(", ", similar) + "?");
    }

    /** The group's members as {@code member M (client C at H)}, when it is live on that cluster; else empty. */
    static Optional<Live> live(GroupAdmin on, String group) {
        Optional<ConsumerGroupDescription> d = on.describe(group);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        ConsumerGroupDescription g = d.get();
        GroupState state = g.groupState();
        if (g.members().isEmpty() && (state == null || IDLE.contains(state))) {
            return Optional.empty();
        }
        List<String> members = g.members().stream()
                .map(m -> "member " + m.consumerId() + " (client " + m.clientId() + " at " + m.host() + ")")
                .toList();
        return Optional.of(new Live(String.valueOf(state), members));
    }

    /** A live group: its state and one line per member. */
    record Live(String state, List<String> members) {
        Live {
            members = List.copyOf(members);
        }
    }

    private static boolean similar(String candidate, String wanted) {
        String a = candidate.toLowerCase(Locale.ROOT);
        String b = wanted.toLowerCase(Locale.ROOT);
        return a.contains(b) || b.contains(a) || distance(a, b) <= Math.max(2, b.length() / 3);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
