package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTopicsTest {

    @Test
    void theCodecFewestClientsReadWins() {
        assertThat(MatrixTopics.configs(Map.of(
                        "a", Map.of("compression.type", "gzip"),
                        "b", Map.of("compression.type", "ZSTD"),
                        "c", Map.of("compression.type", "producer"))))
                .containsExactlyEntriesOf(Map.of("compression.type", "zstd"));
        assertThat(MatrixTopics.configs(Map.of("a", Map.of("compression.type", "snappy"))))
                .containsExactlyEntriesOf(Map.of("compression.type", "snappy"));
    }

    @Test
    void producerOrUncompressedOrUnknownTopicsKeepTheBrokerDefault() {
        assertThat(MatrixTopics.configs(Map.of("a", Map.of("compression.type", "producer"), "b", Map.of())))
                .isEmpty();
        assertThat(MatrixTopics.configs(Map.of("a", Map.of("compression.type", "uncompressed"))))
                .isEmpty();
        assertThat(MatrixTopics.configs(Map.of())).isEmpty();
    }
}
