package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.server.JournalMeters;
import dev.cutover.server.MetricsServer;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.clients.ClientApp;
import dev.cutover.testkit.clients.TrickleProducer;
import dev.cutover.testkit.clients.WaveWorkspace;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus metrics scraped from a running {@code link start} and a running {@code wave run} (each its own JVM, as
 * operators run them), on real brokers: the link's per-partition figures equal what {@code link status} reads, the
 * wave's equal its journal, and every metric the shipped Grafana dashboard and alerting rules use is one of them.
 */
@ExtendWith(ClustersExtension.class)
class ObservabilityIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 300;
    private static final Pattern METRICS_LINE = Pattern.compile("metrics: (http://\\S+/metrics)");

    @TempDir
    Path ws;

    @Test
    void aRunningLinkAndARunningWaveExposeMetricsThatMatchTheirStatusAndJournal(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("payments", PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        ClientApp billing = new ClientApp(ws, "billing", "billing", "payments", source.bootstrapServers());
        WaveWorkspace.write(ws, source.bootstrapServers(), target.bootstrapServers(), "billing", billing);
        String w = ws.toString();
        produce(source, RECORDS);
        Set<String> exposed = new TreeSet<>();
        TrickleProducer trickle = null;
        try (Cli.Child link = Cli.Child.start(
                ws.resolve("link.log"), "link", "start", "--workspace", w, "--metrics-address", "127.0.0.1:0")) {
            // Given a running link serving /metrics
            String linkUrl = url(link.awaitLine(l -> METRICS_LINE.matcher(l).find(), TIMEOUT));

            // When it has copied everything
            ClientApp.await("the link's metrics to show every partition caught up", TIMEOUT, () -> {
                Scrape s = scrapeQuietly(linkUrl);
                return s != null
                        && s.sum("cutover_link_partition_state", "state=caught_up") == PARTITIONS
                        && s.sum("cutover_link_replicated_offset") == RECORDS;
            });
            Scrape scrape = Scrape.of(linkUrl);
            exposed.addAll(scrape.names());

            // Then each partition's figures are those `link status` reads from the target
            Cli.Result status = Cli.run("link", "status", "--workspace", w, "--output", "json");
            assertThat(status.exitCode()).as(status.all()).isZero();
            JsonNode partitions = new ObjectMapper().readTree(status.out()).get("partitions");
            assertThat(partitions).hasSize(PARTITIONS);
            for (JsonNode p : partitions) {
                String[] labels = {
                    "topic=payments", "partition=" + p.get("partition").asInt()
                };
                assertThat(scrape.value("cutover_link_replicated_offset", labels))
                        .isEqualTo(p.get("replicatedTo").asDouble());
                assertThat(scrape.value("cutover_link_source_end_offset", labels))
                        .isEqualTo(p.get("sourceEnd").asDouble());
                assertThat(scrape.value("cutover_link_lag_records", labels))
                        .isEqualTo(p.get("lagRecords").asDouble())
                        .isZero();
                assertThat(scrape.value("cutover_link_lag_seconds", labels)).isZero();
                assertThat(p.get("state").asText()).isEqualTo("caught-up");
                assertThat(scrape.value("cutover_link_partition_state", labels[0], labels[1], "state=caught_up"))
                        .isEqualTo(1.0);
                assertThat(scrape.value("cutover_link_partition_state", labels[0], labels[1], "state=running"))
                        .isEqualTo(0.0);
                assertThat(scrape.value("cutover_link_copied_records_total", labels))
                        .as("copied by this process: every record of the partition, once")
                        .isEqualTo(p.get("replicatedTo").asDouble());
            }
            // and the link-wide figures hold together
            assertThat(scrape.sum("cutover_link_copied_records_total")).isEqualTo(RECORDS);
            assertThat(scrape.sum("cutover_link_transaction_records_sum")).isEqualTo(RECORDS);
            assertThat(scrape.value("cutover_link_transaction_commit_seconds_count"))
                    .isEqualTo(scrape.value("cutover_link_transaction_records_count"))
                    .isPositive();
            assertThat(scrape.value("cutover_link_copied_bytes_total", "topic=payments", "partition=0"))
                    .isPositive();
            assertThat(scrape.value("cutover_link_offset_map_chunks_total")).isPositive();
            assertThat(scrape.value("cutover_link_offset_map_bytes_total")).isPositive();
            assertThat(scrape.value("cutover_link_partitions", "state=caught_up"))
                    .isEqualTo(PARTITIONS);
            assertThat(scrape.sum("cutover_link_partitions_stopped")).isZero();
            assertThat(scrape.value("cutover_link_state", "state=running")).isEqualTo(1.0);
            assertThat(scrape.value("cutover_link_restarts_total")).isZero();
            assertThat(scrape.names()).contains("jvm_memory_used_bytes", "process_cpu_usage", "process_uptime_seconds");

            // Given a consumer reading on the source while records keep coming
            trickle = new TrickleProducer(source.adminClientProperties(), "payments", PARTITIONS);
            billing.run("start");
            ClientApp.await("billing to process records on the source", TIMEOUT, () -> billing.count() >= 50);

            // When its wave runs with metrics on
            try (Cli.Child wave = Cli.Child.start(
                    ws.resolve("wave.log"),
                    "wave",
                    "run",
                    "--workspace",
                    w,
                    "--wave",
                    "wave-1",
                    "--observe",
                    "4s",
                    "--force",
                    "metrics test",
                    "--metrics-address",
                    "127.0.0.1:0")) {
                String waveUrl = url(wave.awaitLine(l -> METRICS_LINE.matcher(l).find(), TIMEOUT));
                // Then, while it observes the moved workload, the steps before show done, with the journal's figures
                ClientApp.await("the wave's metrics to show the observe step running", TIMEOUT, () -> {
                    Scrape s = scrapeQuietly(waveUrl);
                    return s != null
                            && Double.valueOf(1.0)
                                    .equals(s.value(
                                            "cutover_wave_step_state",
                                            "workload=billing",
                                            "step=observe",
                                            "state=running"));
                });
                Scrape during = Scrape.of(waveUrl);
                exposed.addAll(during.names());
                assertThat(during.value("cutover_wave_step_state", "workload=billing", "step=offsets", "state=done"))
                        .isEqualTo(1.0);
                assertThat(during.value("cutover_wave_step_state", "workload=billing", "step=confirm", "state=done"))
                        .as("not confirmed yet: no series, or 0")
                        .isIn(null, 0.0);
                assertThat(during.value("cutover_offsets_translated_partitions", "group=billing", "direction=forward"))
                        .isEqualTo(PARTITIONS);
                assertThat(during.value("cutover_wave_steps_waiting", "wave=wave-1"))
                        .isZero();
                assertThat(during.value("cutover_wave_stray_clients", "wave=wave-1"))
                        .isZero();
                JournalEntry offsets = last(ws, "offsets", JournalEntry.Phase.END);
                assertThat(during.value("cutover_wave_step_duration_seconds", "workload=billing", "step=offsets"))
                        .isEqualTo(Long.parseLong(offsets.figures().get("durationMs")) / 1000.0);
                assertThat(wave.waitForExit(TIMEOUT))
                        .as(String.join("\n", wave.output()))
                        .isZero();
            }

            // And the wave's end, read from the same journal (as `cutover serve` shows it), holds the move's pause
            JournalEntry confirm = last(ws, "confirm", JournalEntry.Phase.END);
            PrometheusMeterRegistry registry = MetricsServer.newRegistry();
            try (JournalMeters meters = new JournalMeters(ws)) {
                meters.bindTo(registry);
                Scrape after = Scrape.parse(registry.scrape());
                exposed.addAll(after.names());
                assertThat(after.value("cutover_wave_pause_seconds", "workload=billing", "direction=forward"))
                        .isEqualTo(Long.parseLong(confirm.figures().get("pauseMs")) / 1000.0);
                assertThat(after.value("cutover_wave_replayed_records", "workload=billing", "direction=forward"))
                        .isZero();
                assertThat(after.value("cutover_wave_skipped_records", "workload=billing", "direction=forward"))
                        .isZero();
                assertThat(after.value("cutover_wave_step_state", "workload=billing", "step=confirm", "state=done"))
                        .isEqualTo(1.0);
            }
            assertThat(link.terminate(TIMEOUT)).isZero();
        } finally {
            if (trickle != null) {
                trickle.close();
            }
            billing.run("stop");
        }

        // And every cutover metric the shipped dashboard and alerting rules use is one that was exposed (a refused
        // group
        // sync, which this move did not have, from a journal line like the one a refusal writes)
        exposed.addAll(eventOnlyMetrics(ws.resolve("refusal")));
        assertThat(usedByDashboardAndRules())
                .isNotEmpty()
                .allSatisfy(name -> assertThat(exposed).as("exposed metrics").contains(name));
    }

    /** The cutover_* metric names the files in docs/observability use (histogram suffixes count as their series). */
    static Set<String> usedByDashboardAndRules() throws Exception {
        Path dir = Path.of("..", "docs", "observability");
        Set<String> used = new TreeSet<>();
        Pattern name = Pattern.compile("\\bcutover_[a-z_]+");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = name.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        return used;
    }

    /** The names a journal with a refused group sync exposes (metrics that appear once such an event happened). */
    private static Set<String> eventOnlyMetrics(Path dir) throws Exception {
        Files.createDirectories(dir);
        Journal journal = Journal.open(dir, Clock.systemUTC());
        journal.append(
                "r",
                "w",
                java.util.Optional.of("billing"),
                "offsets",
                JournalEntry.Phase.FAILED,
                "offsets not moved",
                Map.of("durationMs", "1", "refused.billing", "LINK_BEHIND"));
        PrometheusMeterRegistry registry = MetricsServer.newRegistry();
        try (JournalMeters meters = new JournalMeters(dir)) {
            meters.bindTo(registry);
            return Scrape.parse(registry.scrape()).names();
        }
    }

    private static String url(String line) {
        Matcher m = METRICS_LINE.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1);
    }

    private static Scrape scrapeQuietly(String url) {
        try {
            return Scrape.of(url);
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JournalEntry last(Path ws, String step, JournalEntry.Phase phase) {
        return Journal.open(ws, Clock.systemUTC()).entries().stream()
                .filter(e -> e.step().equals(step) && e.phase() == phase)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + step + " " + phase + " in the journal"));
    }

    private static void produce(EmbeddedCluster source, int records) {
        Map<String, Object> props = new HashMap<>(source.adminClientProperties());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("payments", i % PARTITIONS, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }
}
