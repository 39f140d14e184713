package dev.cutover.inventory.files;

import java.util.Objects;

/** A retry or dead-letter topic and the topic it serves: they must move together. */
public record RetryTopic(RetryTopicKind kind, String servedTopic) {
    public RetryTopic {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(servedTopic, "servedTopic");
    }
}
