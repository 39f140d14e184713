package dev.cutover.sandbox.estate;

import dev.cutover.sandbox.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The estate's Kafka Streams application: counts orders per customer (the record key) in an in-memory store and
 * writes the running counts to an output topic. One stream thread, at-least-once, state in a temporary directory
 * deleted on {@link #close()}. Its only internal topic is the store's changelog, {@code
 * <application.id>-<store>-changelog}, which Streams creates itself through its admin client.
 */
final class OrderCountsApp implements AutoCloseable {
    static final String STORE = "order-counts-store";
    private static final Logger log = LoggerFactory.getLogger(OrderCountsApp.class);

    private final KafkaStreams streams;
    private final Path stateDir;

    OrderCountsApp(
            String applicationId,
            String clientId,
            Map<String, Object> clientProps,
            String input,
            String output,
            int replicationFactor,
            Consumer<EstateProblem> problems) {
        this.stateDir = TempDirs.create("cutover-estate-streams-");
        Map<String, Object> config = new HashMap<>(clientProps);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024 * 1024);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore(STORE))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        Properties properties = new Properties();
        properties.putAll(config);
        this.streams = new KafkaStreams(builder.build(), properties);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("streams application {} failed", applicationId, e);
            problems.accept(EstateProblem.of(clientId, e));
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            log.debug("streams application {}: {} -> {}", applicationId, before, now);
            if (now == KafkaStreams.State.ERROR) {
                problems.accept(new EstateProblem(clientId, java.time.Instant.now(), "streams state ERROR"));
            }
        });
    }

    void start() {
        streams.start();
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        try {
            if (!streams.close(Duration.ofSeconds(10))) {
                log.warn("streams application did not stop within 10 s");
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }
}
