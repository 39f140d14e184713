package dev.cutover.sandbox.clients;

import dev.cutover.sandbox.TempDirs;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;

/**
 * A Kafka Streams application in its own JVM, the way the sandbox and the wave tests run one that a wave moves: it reads
 * its connection from a properties file (the file a switcher rewrites) and runs two aggregations of one input topic:
 *
 * <ul>
 *   <li>a running count per customer ({@link #customer} of the value): re-keyed, so through the repartition topic
 *       {@code <app>-by-customer-repartition}, into the store {@code counts} (changelog {@code <app>-counts-changelog}),
 *       each update written to {@code <prefix>.counts} as {@code customer → count};
 *   <li>a windowed count per region ({@link #region} of the value) in one-minute tumbling windows of the records'
 *       timestamps (an hour's grace, so no record is late): through {@code <app>-by-region-repartition} into the window
 *       store {@code regions} (changelog {@code <app>-regions-changelog}), each update written to {@code
 *       <prefix>.regions} as {@code region@windowStartMs → count}.
 * </ul>
 *
 * The stores' caches are off, so every input record yields exactly one update of each: what {@link
 * CountingStreamsCheck} compares, record by record, with the counts computed from the input. The stores are in memory
 * and the state directory is new on each start: the application restores its state from the changelogs (of the
 * cluster it starts on) every time. SIGTERM closes it cleanly: its last offsets committed, its group left.
 *
 * <p>Usage: {@code CountingStreams PROPERTIES APPLICATION_ID INPUT[:OUTPUT_PREFIX] LOG} (the outputs are named after
 * the input unless a prefix is given); the properties may set {@code processing.guarantee} (default at-least-once). It
 * reads committed records only, whatever the guarantee.
 */
public final class CountingStreams {
    public static final String COUNTS_SUFFIX = ".counts";
    public static final String REGIONS_SUFFIX = ".regions";
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final int CUSTOMERS = 7;
    static final int REGIONS = 3;

    private CountingStreams() {}

    /** The internal topics the application's topology creates, for {@code applicationId}. */
    public static java.util.List<String> internalTopics(String applicationId) {
        return java.util.List.of(
                applicationId + "-by-customer-repartition",
                applicationId + "-by-region-repartition",
                applicationId + "-counts-changelog",
                applicationId + "-regions-changelog");
    }

    /** The customer of an input value ending {@code -N}: {@code customer-(N mod 7)}. */
    public static String customer(String value) {
        return "customer-" + (sequence(value) % CUSTOMERS);
    }

    /** The region of an input value ending {@code -N}: {@code region-(N mod 3)}. */
    public static String region(String value) {
        return "region-" + (sequence(value) % REGIONS);
    }

    /** The start of the window a record stamped {@code timestampMs} counts in. */
    public static long windowStart(long timestampMs) {
        return timestampMs - Math.floorMod(timestampMs, WINDOW.toMillis());
    }

    private static long sequence(String value) {
        int dash = value == null ? -1 : value.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Math.abs(Long.parseLong(value.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return Math.abs((long) value.hashCode());
        }
    }

    static Topology topology(String input) {
        return topology(input, input);
    }

    static Topology topology(String input, String outputPrefix) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()));
        in.selectKey((k, v) -> customer(v))
                .groupByKey(Grouped.with("by-customer", Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("counts"))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long())
                        .withCachingDisabled())
                .toStream()
                .mapValues(n -> Long.toString(n))
                .to(outputPrefix + COUNTS_SUFFIX, Produced.with(Serdes.String(), Serdes.String()));
        in.groupBy((k, v) -> region(v), Grouped.with("by-region", Serdes.String(), Serdes.String()))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, Duration.ofHours(1)))
                .count(Materialized.<String, Long>as(
                                Stores.inMemoryWindowStore("regions", Duration.ofHours(3), WINDOW, false))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long())
                        .withCachingDisabled())
                .toStream((w, n) -> w.key() + "@" + w.window().start())
                .mapValues(n -> Long.toString(n))
                .to(outputPrefix + REGIONS_SUFFIX, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CountingStreams PROPERTIES APPLICATION_ID INPUT[:OUTPUT_PREFIX] LOG");
            System.exit(2);
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            props.load(r);
        }
        Path stateDir = TempDirs.create("cutover-counting-streams-");
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putIfAbsent(
                StreamsConfig.CLIENT_ID_CONFIG,
                args[1] + "-" + ProcessHandle.current().pid());
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        props.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        props.putIfAbsent(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // what the link copies (committed records only), also when at-least-once
        props.putIfAbsent(StreamsConfig.consumerPrefix("isolation.level"), "read_committed");
        String[] io = args[2].split(":", 2);
        String bootstrap = props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        Path log = Path.of(args[3]);
        KafkaStreams streams = new KafkaStreams(topology(io[0], io.length > 1 ? io[1] : io[0]), props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            note(log, now + " on " + bootstrap);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // commits the last processed offsets and leaves the group at once (by default a Streams member stays in
            // its group until its session times out, 45 s, and a wave waits for the group to empty)
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            TempDirs.deleteQuietly(stateDir);
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }

    private static void note(Path log, String line) {
        try {
            Files.writeString(
                    log,
                    Instant.now() + "\t" + line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            System.err.println("cannot write " + log + ": " + e.getMessage());
        }
    }
}
