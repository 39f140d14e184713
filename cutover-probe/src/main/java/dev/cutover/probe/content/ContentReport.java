package dev.cutover.probe.content;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a comparison by content found: per topic, over the window {@code [from, to]} (records stamped within it on
 * either side need a counterpart on the other, looked for within {@code margin} beyond each edge as well).
 */
public record ContentReport(Instant from, Instant to, Duration margin, List<TopicContent> topics) {
    public ContentReport {
        topics = List.copyOf(topics);
    }

    /** Records one side holds and the other lacks or holds otherwise, over every topic. */
    public long divergent() {
        return topics.stream().mapToLong(TopicContent::divergent).sum();
    }

    /** Records compared over every topic (those of the window on either side). */
    public long compared() {
        return topics.stream()
                .mapToLong(t -> t.sourceRecords() + t.targetRecords())
                .sum();
    }

    /** Topics with no record in the window on either side: nothing about them is proven. */
    public List<String> empty() {
        return topics.stream()
                .filter(t -> !t.compared())
                .map(TopicContent::topic)
                .toList();
    }

    /** Passed: every topic had records in the window, and no record diverges. */
    public boolean passed() {
        return !topics.isEmpty() && empty().isEmpty() && divergent() == 0;
    }

    /** One line for a person: what passed or why not. */
    public String summary() {
        if (topics.isEmpty()) {
            return "no topic compared";
        }
        if (divergent() > 0) {
            return divergent() + " record(s) diverge between the clusters from " + from + " to " + to;
        }
        if (!empty().isEmpty()) {
            return "no record from " + from + " to " + to + " on either side of " + empty()
                    + ": nothing shows that both clusters receive the same writes";
        }
        return "the same " + compared() / 2 + " record(s) on both sides from " + from + " to " + to;
    }
}
