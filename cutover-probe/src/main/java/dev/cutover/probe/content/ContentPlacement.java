package dev.cutover.probe.content;

import dev.cutover.config.ClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds where a consumer group resumes on the other cluster of a topic written to both (no offset map exists): by the
 * records around its committed position. The last records it consumed ({@code committed - 1} and before) are looked up
 * on the other side in the same partition, as a sequence, and the group resumes right after them; when it consumed none
 * that the partition still holds, the next records it would read are looked up instead and it resumes at them. The
 * sequence is lengthened, up to {@value #ANCHOR} records, until exactly one place matches; none or several is said, never
 * guessed.
 */
public final class ContentPlacement implements AutoCloseable {
    static final int ANCHOR = 16;
    /** How far back from a committed offset the records a group consumed are looked for (markers take offsets too). */
    static final int LOOKBACK = 256;

    private final ContentReader from;
    private final ContentReader to;
    private final Duration search;

    /**
     * @param search how far before and after the anchor's time the other side is searched (the two writes of one
     *     record are close in time; a wider search reads more)
     */
    public ContentPlacement(ClusterConnection from, ClusterConnection to, Duration search) {
        this.from = new ContentReader(from);
        this.to = new ContentReader(to);
        this.search = search;
    }

    /** Where a group committed at {@code committed} on the first cluster resumes on the other, or why that is unknown. */
    public sealed interface Placement {
        /** The position on the other side, exactly after the same records. */
        record Exact(long offset, String anchor) implements Placement {}

        /** No single position: why, for a person. */
        record Unknown(String why) implements Placement {}
    }

    public Placement place(TopicPartition tp, long committed) throws InterruptedException {
        List<TopicPartition> one = List.of(tp);
        long start = from.starts(one).get(tp);
        long end = from.ends(one).get(tp);
        long at = Math.max(start, Math.min(committed, end));
        // the records just before the position; a stretch of aborted transactions and markers has none, so look
        // further back until one is found or the log's start is reached
        List<ContentRecord> before = List.of();
        for (long back = LOOKBACK; before.isEmpty(); back *= 16) {
            before = from.read(Map.of(tp, Math.max(start, at - back)), Map.of(tp, at));
            if (at - back <= start) {
                break;
            }
        }
        if (!before.isEmpty()) {
            List<ContentRecord> anchor = before.subList(Math.max(0, before.size() - ANCHOR), before.size());
            return find(tp, anchor, true);
        }
        List<ContentRecord> after = List.of();
        for (long ahead = LOOKBACK; after.isEmpty(); ahead *= 16) {
            after = from.read(Map.of(tp, at), Map.of(tp, Math.min(end, at + ahead)));
            if (at + ahead >= end) {
                break;
            }
        }
        if (!after.isEmpty()) {
            return find(tp, after.subList(0, Math.min(ANCHOR, after.size())), false);
        }
        // this side holds no record of the partition: the other side must hold none either, or the two differ
        long otherStart = to.starts(one).get(tp);
        long otherEnd = to.ends(one).get(tp);
        if (otherStart == otherEnd) {
            return new Placement.Exact(
                    otherEnd, "neither side holds a record of " + tp + ": at the " + to.side() + "'s end");
        }
        return new Placement.Unknown("the " + from.side() + " holds no record of " + tp + " to place the group by,"
                + " while the " + to.side() + " holds offsets " + otherStart + " to " + otherEnd + ": the two sides"
                + " differ there");
    }

    /**
     * Looks for {@code anchor} (consecutive records of the first side) on the other side; {@code consumed} says the
     * group resumes after it, else at it.
     */
    private Placement find(TopicPartition tp, List<ContentRecord> anchor, boolean consumed)
            throws InterruptedException {
        List<TopicPartition> one = List.of(tp);
        ContentRecord first = anchor.get(0);
        ContentRecord last = anchor.get(anchor.size() - 1);
        long searchFrom =
                to.offsetsAt(one, first.timestamp() - search.toMillis()).get(tp);
        // up to the first record stamped more than the search after the anchor (the end when there is none)
        long searchTo =
                to.offsetsAt(one, last.timestamp() + search.toMillis() + 1).get(tp);
        List<ContentRecord> other = to.read(Map.of(tp, searchFrom), Map.of(tp, searchTo));
        // each candidate: the other side's index of the record that matches the anchor's key record (the consumed
        // sequence's last record, or the unread sequence's first), narrowed record by record away from it
        ContentRecord key = consumed ? anchor.get(anchor.size() - 1) : first;
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < other.size(); i++) {
            if (other.get(i).content().equals(key.content())) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return new Placement.Unknown("the " + (consumed ? "last record the group consumed" : "next record it reads")
                    + " on the " + from.side() + " (" + tp + " " + key.where() + ") is not on the " + to.side()
                    + " among the records stamped within " + search.toSeconds() + " s of it: the two sides differ"
                    + " there, or the " + to.side()
                    + " began to receive the writes after it");
        }
        int length = 1;
        while (candidates.size() > 1 && length < anchor.size()) {
            int k = length;
            List<Integer> narrowed = new ArrayList<>();
            for (int c : candidates) {
                int otherIndex = consumed ? c - k : c + k;
                ContentRecord expected = consumed ? anchor.get(anchor.size() - 1 - k) : anchor.get(k);
                if (otherIndex >= 0
                        && otherIndex < other.size()
                        && other.get(otherIndex).content().equals(expected.content())) {
                    narrowed.add(c);
                }
            }
            if (narrowed.isEmpty()) {
                break;
            }
            candidates = narrowed;
            length++;
        }
        if (candidates.size() > 1) {
            return new Placement.Unknown(candidates.size() + " places on the " + to.side() + " hold the same "
                    + length + " record(s) as the group's position on the " + from.side() + " (" + tp + " "
                    + key.where() + "): the position is ambiguous");
        }
        ContentRecord match = other.get(candidates.get(0));
        long offset = consumed ? match.offset() + 1 : match.offset();
        return new Placement.Exact(
                offset,
                (consumed ? "after " : "at ") + "the record at " + match.partition() + "/" + match.offset()
                        + ", the same as " + key.partition() + "/" + key.offset() + " on the " + from.side()
                        + " (" + length + " record(s) matched)");
    }

    @Override
    public void close() {
        try {
            from.close();
        } finally {
            to.close();
        }
    }
}
