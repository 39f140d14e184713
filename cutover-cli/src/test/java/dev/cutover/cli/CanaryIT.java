package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets planted everywhere cutover reads (profiles: inline, resolved from a file, in a broken JAAS config, in
 * URL credentials of {@code bootstrap.servers}; scanned application configs; workload notes) must appear nowhere it
 * writes: stdout, stderr, the log directory, the workspace, and the records and headers of every topic of the target
 * ({@code __cutover.*} included). Every command runs as the product does: its own JVM, the product's {@code
 * log4j2.xml}, a log directory of its own. Zero hits is the only pass.
 */
@ExtendWith(ClustersExtension.class)
class CanaryIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "canary-orders";
    private static final String GROUP = "canary-app";
    /** The planted values that are not the SCRAM password (which the cluster chose; checked as a canary too). */
    private static final List<String> CANARIES = List.of(
            "CANARY-INLINE-5f3a1",
            "CANARY-PROVIDED-8b2c4",
            "CANARY-BROKEN-JAAS-1d9e7",
            "CANARY-URL-PW-4c6b2",
            "CANARY-BS-RESOLVED-7e1f0",
            "CANARY-SCAN-PROPS-2a8d3",
            "CANARY-SCAN-YAML-9c4e1",
            "CANARY-SCAN-URL-3b7f5",
            "CANARY-NOTES-6e2a9");

    @TempDir
    Path dir;

    @Test
    void noCanaryLeavesAnyCommand(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target)
            throws Exception {
        // Given canaries in profiles, scanned files and workload notes, and data to copy
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path logs = dir.resolve("logs");
        plant(ws, source, target);
        List<String> canaries = new ArrayList<>(CANARIES);
        canaries.add(source.adminPassword());
        produce(source);

        // When every command runs
        List<Run> runs = new ArrayList<>();
        runs.add(run(
                logs, 0, "inventory", "--workspace", ws, "--scan-configs", dir.resolve("apps"), "--output", "json"));
        runs.add(run(logs, 0, "plan", "--workspace", ws));
        runs.add(run(logs, -1, "readiness", "--workspace", ws, "--output", "json"));
        runs.add(run(
                logs,
                0,
                "evidence",
                "add",
                "--workspace",
                ws,
                "--workload",
                "orders-reader",
                "--area",
                "observability",
                "--file",
                ws.resolve("workloads.yaml"),
                "--by",
                "alice",
                "--note",
                "dashboards checked, password=CANARY-NOTES-6e2a9"));
        runs.add(run(logs, 0, "evidence", "list", "--workspace", ws));
        runs.add(linkUntilCopied(logs, ws, target));
        runs.add(run(logs, 0, "link", "status", "--workspace", ws, "--output", "json"));
        runs.add(run(logs, 0, "offsets", "translate", "--workspace", ws, "--group", GROUP));
        runs.add(run(logs, -1, "offsets", "sync", "--workspace", ws, "--group", GROUP));
        runs.add(run(logs, 2, "inventory", "--workspace", ws, "--cluster", "broken"));
        runs.add(run(logs, 2, "inventory", "--workspace", ws, "--cluster", "urlcreds"));
        runs.add(run(logs, 2, "inventory", "--workspace", ws, "--cluster", "badbs"));
        runs.add(run(logs, 0, "inventory", "--workspace", ws, "--cluster", "secure"));
        // Every profile at once, the broken ones included: doctor reports each (exit 1), naming no secret.
        runs.add(run(logs, -1, "doctor", "--workspace", ws));
        runs.add(run(logs, -1, "doctor", "--workspace", ws, "--output", "json"));

        // Then no canary is anywhere cutover wrote
        List<String> hits = new ArrayList<>();
        for (Run r : runs) {
            hits.addAll(find(canaries, r.command + " stdout", r.out));
            hits.addAll(find(canaries, r.command + " stderr", r.err));
        }
        hits.addAll(findInFiles(canaries, logs));
        hits.addAll(findInFiles(canaries, ws));
        hits.addAll(findInTopics(canaries, target));
        assertThat(hits).as("canaries found").isEmpty();

        // And the log directory exists, is private and has a log
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(f -> assertThat(
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo("rw-------"));
        }
    }

    private void plant(Path ws, EmbeddedCluster source, EmbeddedCluster target) throws IOException {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path sourceSecrets = Files.writeString(
                secrets.resolve("source.properties"),
                "jaas=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + EmbeddedCluster.ADMIN_USER + "\" password=\"" + source.adminPassword() + "\";\n");
        Path targetSecrets = Files.writeString(
                secrets.resolve("target.properties"),
                "tspw=CANARY-PROVIDED-8b2c4\nbs=not a broker CANARY-BS-RESOLVED-7e1f0\n");
        String scram =
                """
                      security.protocol: SASL_PLAINTEXT
                      sasl.mechanism: SCRAM-SHA-512
                """;
        Files.writeString(
                ws.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: %1$s
                %2$s      sasl.jaas.config: ${file:%3$s:jaas}
                      ssl.key.password: CANARY-INLINE-5f3a1
                    timeout: 20s
                  secure:
                    properties:
                      bootstrap.servers: %1$s
                %2$s      sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%4$s" password="%5$s";'
                    timeout: 20s
                  target:
                    properties:
                      bootstrap.servers: %6$s
                      ssl.truststore.password: ${file:%7$s:tspw}
                    timeout: 20s
                  broken:
                    properties:
                      bootstrap.servers: %1$s
                %2$s      sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="CANARY-BROKEN-JAAS-1d9e7"'
                    timeout: 5s
                  urlcreds:
                    properties:
                      bootstrap.servers: SASL_SSL://canary:CANARY-URL-PW-4c6b2@127.0.0.1:9
                    timeout: 5s
                  badbs:
                    properties:
                      bootstrap.servers: ${file:%7$s:bs}
                    timeout: 5s
                links:
                  default:
                    topics: "canary-.*"
                """
                        .formatted(
                                source.bootstrapServers(),
                                scram,
                                sourceSecrets,
                                EmbeddedCluster.ADMIN_USER,
                                source.adminPassword(),
                                target.bootstrapServers(),
                                targetSecrets));
        Files.writeString(
                ws.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: orders-reader
                    owner: team-orders
                    roles: [consumer]
                    topics: [canary-orders]
                    duplicateTolerance: idempotent-downstream
                    sideEffects: "calls the billing API with api.key=CANARY-NOTES-6e2a9"
                    rollbackOwner: alice@example.com
                    offsets: translate
                    match:
                      groupId: canary-app
                """);
        Path app = Files.createDirectories(dir.resolve("apps").resolve("orders"));
        Files.writeString(
                app.resolve("application.properties"),
                """
                spring.kafka.bootstrap-servers=%s
                spring.kafka.consumer.group-id=canary-app
                spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule \
                required username="orders" password="CANARY-SCAN-PROPS-2a8d3";
                spring.kafka.ssl.trust-store-password=CANARY-SCAN-PROPS-2a8d3
                """
                        .formatted(source.bootstrapServers()));
        Files.writeString(
                app.resolve("application.yml"),
                """
                spring:
                  kafka:
                    bootstrap-servers: SASL_SSL://orders:CANARY-SCAN-URL-3b7f5@%s
                    properties:
                      sasl.password: CANARY-SCAN-YAML-9c4e1
                    consumer:
                      group-id: canary-app
                """
                        .formatted(source.bootstrapServers()));
    }

    private static void produce(EmbeddedCluster source) throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        Map<String, Object> props = new java.util.HashMap<>(source.adminClientProperties());
        props.put("key.serializer", StringSerializer.class);
        props.put("value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "order " + i));
            }
        }
        Map<String, Object> consumer = new java.util.HashMap<>(source.adminClientProperties());
        try (Admin admin = Admin.create(consumer)) {
            admin.alterConsumerGroupOffsets(
                            GROUP,
                            Map.of(
                                    new org.apache.kafka.common.TopicPartition(TOPIC, 0),
                                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(1)))
                    .all()
                    .get();
        }
    }

    private record Run(String command, int exitCode, String out, String err) {}

    private record Started(String command, Process process, Path out, Path err) {}

    /** Runs one command in its own JVM; {@code expected} -1 means any exit code but 4 (a bug). */
    private Run run(Path logs, int expected, Object... args) throws Exception {
        Started started = start(logs, args);
        assertThat(started.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as(started.command)
                .isTrue();
        return finished(started, expected);
    }

    private Started start(Path logs, Object... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + Main.class.getResource("/log4j2.xml"),
                "-Dcutover.log.dir=" + logs,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        List<String> words = Stream.of(args).map(Object::toString).toList();
        command.addAll(words);
        Path output = Files.createDirectories(dir.resolve("output"));
        Path out = Files.createTempFile(output, "stdout-", ".txt");
        Path err = Files.createTempFile(output, "stderr-", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new Started(String.join(" ", words), process, out, err);
    }

    private static Run finished(Started started, int expected) throws IOException {
        Run run = new Run(
                started.command,
                started.process.exitValue(),
                Files.readString(started.out, StandardCharsets.UTF_8),
                Files.readString(started.err, StandardCharsets.UTF_8));
        String all = run.command + "\n" + run.out + run.err;
        if (expected >= 0) {
            assertThat(run.exitCode).as(all).isEqualTo(expected);
        } else {
            assertThat(run.exitCode).as(all).isNotEqualTo(4);
        }
        return run;
    }

    /** {@code link start} in the foreground until the target holds every record, then SIGTERM. */
    private Run linkUntilCopied(Path logs, Path ws, EmbeddedCluster target) throws Exception {
        Started link = start(logs, "link", "start", "--workspace", ws);
        try (Admin admin = target.admin()) {
            await(() -> copied(admin) >= 20 || !link.process.isAlive(), "the link copied all records");
        }
        link.process.toHandle().destroy();
        assertThat(link.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return finished(link, 0);
    }

    private static long copied(Admin admin) {
        try {
            var partitions = List.of(
                    new org.apache.kafka.common.TopicPartition(TOPIC, 0),
                    new org.apache.kafka.common.TopicPartition(TOPIC, 1));
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(r -> r.offset())
                    .sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            synchronized (monitor) {
                monitor.wait(200);
            }
        }
    }

    private static List<String> find(List<String> canaries, String where, String text) {
        return canaries.stream()
                .filter(text::contains)
                .map(c -> where + ": " + c + " in ..." + around(text, c) + "...")
                .toList();
    }

    private static String around(String text, String canary) {
        int i = text.indexOf(canary);
        return text.substring(Math.max(0, i - 120), Math.min(text.length(), i + canary.length() + 40));
    }

    /** Every file under {@code root} that cutover wrote (the inputs we wrote ourselves are skipped). */
    private static List<String> findInFiles(List<String> canaries, Path root) throws IOException {
        Set<String> inputs = Set.of("cutover.yaml", "workloads.yaml");
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.getParent().equals(root)
                        && inputs.contains(file.getFileName().toString())) {
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                hits.addAll(find(canaries, file.toString(), text));
            }
        }
        return hits;
    }

    private static List<String> findInTopics(List<String> canaries, EmbeddedCluster target) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Admin admin = target.admin()) {
            Set<String> topics = admin.listTopics(
                            new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names()
                    .get();
            assertThat(topics).anyMatch(t -> t.startsWith("__cutover."));
            for (String topic : topics) {
                hits.addAll(find(canaries, "topic " + topic, TargetTopics.text(target, topic)));
            }
        }
        return hits;
    }
}
