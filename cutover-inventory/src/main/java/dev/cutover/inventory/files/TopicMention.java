package dev.cutover.inventory.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** A topic named in a config file, at a line; {@code retryOf} is set for retry and dead-letter topics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicMention(String name, int line, RetryTopic retryOf) {
    public TopicMention {
        Objects.requireNonNull(name, "name");
    }

    static TopicMention of(String name, int line) {
        return new TopicMention(name, line, RetryTopics.classify(name).orElse(null));
    }
}
