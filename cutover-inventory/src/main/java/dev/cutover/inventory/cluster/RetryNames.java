package dev.cutover.inventory.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny naming heuristic for retry and dead-letter topics.
 *
 * <p>TODO: switch to {@code dev.cutover.inventory.files.RetryTopics.classify} once it lands, so there is one rule set.
 */
final class RetryNames {
    private static final Pattern RETRY = Pattern.compile("^(.+?)[-._](?:retry|RETRY)(?:[-._]\\d+)?$");
    private static final Pattern DEAD_LETTER =
            Pattern.compile("^(.+?)[-._](?:dlq|DLQ|dlt|DLT|dead-letter|deadletter|dead_letter)$");

    private RetryNames() {}

    /** The topic that {@code topic} retries, or {@code null}. */
    static String retryOf(String topic) {
        Matcher m = RETRY.matcher(topic);
        return m.matches() ? m.group(1) : null;
    }

    /** The topic that {@code topic} is the dead-letter queue of, or {@code null}. */
    static String deadLetterOf(String topic) {
        Matcher m = DEAD_LETTER.matcher(topic);
        return m.matches() ? m.group(1) : null;
    }
}
