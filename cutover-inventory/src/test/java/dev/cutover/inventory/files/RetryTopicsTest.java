package dev.cutover.inventory.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTopicsTest {
    @ParameterizedTest
    @CsvSource({
        "orders.retry, RETRY, orders",
        "orders-retry, RETRY, orders",
        "orders_retry, RETRY, orders",
        "orders-retry-5s, RETRY, orders",
        "orders-retry-0, RETRY, orders",
        "orders.retry.1000, RETRY, orders",
        "retry.orders, RETRY, orders",
        "my.orders-retry-250ms, RETRY, my.orders",
        "orders.DLT, DEAD_LETTER, orders",
        "orders-dlt, DEAD_LETTER, orders",
        "orders-dlq, DEAD_LETTER, orders",
        "dlq.orders, DEAD_LETTER, orders",
        "dlq-orders, DEAD_LETTER, orders",
        "orders.deadletter, DEAD_LETTER, orders",
        "orders-dead-letter, DEAD_LETTER, orders",
        "orders_error, DEAD_LETTER, orders",
        "orders.errors, DEAD_LETTER, orders",
        "orders-retry-dlt, DEAD_LETTER, orders-retry"
    })
    void classifiesHelperTopics(String topic, RetryTopicKind kind, String served) {
        assertThat(RetryTopics.classify(topic)).contains(new RetryTopic(kind, served));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "orders",
                "retry",
                "dlq",
                "payments.v2",
                "error-budget",
                "retrying-orders",
                "orders.retryable",
                ""
            })
    void leavesOrdinaryTopicsAlone(String topic) {
        assertThat(RetryTopics.classify(topic)).isEmpty();
    }
}
