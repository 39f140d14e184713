package dev.cutover.bench;

import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.probe.verify.TopicConfigs;
import dev.cutover.probe.verify.Verifier;
import dev.cutover.probe.verify.VerifyReport;
import dev.cutover.sandbox.process.ClusterProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code cutover bench verify}: fresh source and target clusters (child JVMs), a topic filled and copied by the link,
 * then, in turn and in the same session, a plain consumer per cluster reading the whole topic on both sides at once
 * (read_committed, no comparison: what no verify can beat) and a full {@code verify}. Rate = source records / wall
 * time of each.
 */
public final class VerifyBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String TOPIC = "bench-verify";

    /** What to measure. */
    public record Options(long records, int valueSize, int partitions, int runs) {}

    /** Records/s of each run of both contenders, and the last verify's report. */
    public record Result(Options options, List<Double> plainRates, List<Double> verifyRates, VerifyReport lastReport) {
        public double plainMedian() {
            return median(plainRates);
        }

        public double verifyMedian() {
            return median(verifyRates);
        }

        public double ratio() {
            return verifyMedian() / plainMedian();
        }
    }

    private final PrintWriter progress;

    public VerifyBenchmark(PrintWriter progress) {
        this.progress = progress;
    }

    public Result run(Options o) throws Exception {
        try (ClusterProcess source = ClusterProcess.start("source");
                ClusterProcess target = ClusterProcess.start("target")) {
            Map<String, Object> s = source.clientProperties();
            Map<String, Object> t = target.clientProperties();
            try (Admin admin = Admin.create(s)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, o.partitions(), (short) 1)))
                        .all()
                        .get();
            }
            long t0 = System.nanoTime();
            SourceFiller.fill(s, TOPIC, o.partitions(), o.records(), o.valueSize(), 42L);
            say("filled " + o.records() + " records of " + o.valueSize() + " B", t0);
            t0 = System.nanoTime();
            Map<TopicPartition, Long> ends = ends(s, o.partitions());
            try (LinkHandle link = LinkService.start(
                    s, t, LinkSettings.defaults("bench-verify").include(TOPIC), e -> {})) {
                if (!link.awaitStarted(TIMEOUT)) {
                    throw new IllegalStateException("the link did not start: " + link.failure());
                }
                link.awaitCoverage(ends, Duration.ofMinutes(10));
                link.stop();
                link.awaitEnded(TIMEOUT);
            }
            say("the link copied them", t0);
            List<Double> plain = new ArrayList<>();
            List<Double> verify = new ArrayList<>();
            VerifyReport last = null;
            for (int run = 0; run < o.runs(); run++) {
                t0 = System.nanoTime();
                readBoth(s, t);
                plain.add(rate(o.records(), t0));
                say("plain consumers, run " + (run + 1) + ": " + Math.round(plain.get(run)) + " records/s", t0);
                t0 = System.nanoTime();
                try (Admin sa = Admin.create(s);
                        Admin ta = Admin.create(t)) {
                    last = new Verifier(s, t, TopicConfigs.of(sa, ta, TIMEOUT))
                            .verify(
                                    dev.cutover.link.state.LinkTopics.named("bench-verify"),
                                    new Verifier.Request(
                                            Pattern.compile(TOPIC), Optional.empty(), OptionalInt.empty(), TIMEOUT));
                }
                verify.add(rate(o.records(), t0));
                say(
                        "verify, run " + (run + 1) + ": " + Math.round(verify.get(run)) + " records/s, "
                                + last.verdict().text() + ", " + last.summary().compared() + " compared",
                        t0);
            }
            return new Result(o, plain, verify, last);
        }
    }

    /** Both topics read to their ends at once, one plain consumer per cluster, as verify reads them. */
    private static void readBoth(Map<String, Object> s, Map<String, Object> t) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> a = pool.submit(() -> readAll(s));
            Future<Long> b = pool.submit(() -> readAll(t));
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static long readAll(Map<String, Object> props) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        long n = 0;
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(TOPIC, TIMEOUT).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, TIMEOUT);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                n += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return n;
    }

    private static Map<TopicPartition, Long> ends(Map<String, Object> props, int partitions) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(
                    IntStream.range(0, partitions)
                            .mapToObj(p -> new TopicPartition(TOPIC, p))
                            .toList(),
                    TIMEOUT);
        }
    }

    private static double rate(long records, long since) {
        return records / ((System.nanoTime() - since) / 1e9);
    }

    private void say(String what, long since) {
        progress.printf("  %-70s %7.2f s%n", what, (System.nanoTime() - since) / 1e9);
        progress.flush();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
