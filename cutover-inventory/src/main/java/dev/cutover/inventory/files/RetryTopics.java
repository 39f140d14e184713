package dev.cutover.inventory.files;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises retry and dead-letter topics by name, as Spring Kafka, Kafka Connect and common hand-rolled
 * conventions spell them. Pure: used on names from config files and on live topic names alike.
 *
 * <ul>
 *   <li>retry: {@code orders.retry}, {@code orders-retry}, {@code orders_retry}, with an optional attempt or delay
 *       ({@code orders-retry-0}, {@code orders-retry-5s}, {@code orders.retry.1000}); {@code retry.orders}
 *   <li>dead letter: {@code orders.DLT}, {@code orders-dlq}, {@code orders.deadletter}, {@code orders-dead-letter},
 *       {@code orders_error}, {@code orders.errors}; {@code dlq.orders}, {@code dlt-orders}
 * </ul>
 */
public final class RetryTopics {
    private static final String SEP = "[._-]";
    private static final String RETRY = "(?:retry|retries)";
    private static final String DEAD = "(?:dlt|dlq|dead" + SEP + "?letters?(?:" + SEP + "?queue)?|errors?)";
    private static final String DEAD_PREFIX = "(?:dlt|dlq|dead" + SEP + "?letters?)";

    private record Rule(Pattern pattern, RetryTopicKind kind) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    compile("(?<served>.+?)" + SEP + RETRY + "(?:" + SEP + "\\d+(?:ms|s|m|h)?)?"),
                    RetryTopicKind.RETRY),
            new Rule(compile(RETRY + SEP + "(?<served>.+)"), RetryTopicKind.RETRY),
            new Rule(compile("(?<served>.+?)" + SEP + DEAD), RetryTopicKind.DEAD_LETTER),
            new Rule(compile(DEAD_PREFIX + SEP + "(?<served>.+)"), RetryTopicKind.DEAD_LETTER));

    private RetryTopics() {}

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    public static Optional<RetryTopic> classify(String topic) {
        if (topic == null || topic.isBlank()) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(topic);
            if (m.matches()) {
                return Optional.of(new RetryTopic(rule.kind(), m.group("served")));
            }
        }
        return Optional.empty();
    }
}
