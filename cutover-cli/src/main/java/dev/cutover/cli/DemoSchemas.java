package dev.cutover.cli;

import dev.cutover.api.Progress;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.Workspace;
import dev.cutover.sandbox.registry.ApicurioRegistries;
import dev.cutover.sandbox.registry.JavaRuntimes;
import dev.cutover.sandbox.registry.RegistryDistribution;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.WireFormat;
import dev.cutover.schemas.sync.SchemaSync;
import dev.cutover.schemas.sync.SyncReport;
import dev.cutover.schemas.sync.SyncRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The demo's schemas, when a Java 21+ runs the two registries: orders-avro's records in Confluent's wire format (Avro,
 * encoded here by hand), its subjects on the source registry (a referenced type, a soft-deleted version, a subject's
 * own compatibility), a target registry that already holds another team's schemas under the same ids, {@code schemas
 * sync}, and the link told to rewrite ids ({@code schemaIds: rewrite}).
 */
final class DemoSchemas implements AutoCloseable {
    static final String TOPIC = "orders-avro";
    static final int RECORDS = 300;

    private static final String ADDRESS = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"shop\",\"fields\":"
            + "[{\"name\":\"city\",\"type\":\"string\"}]}";
    private static final String ORDER_V1 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":"
            + "[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"ship_to\",\"type\":\"shop.Address\"}]}";
    private static final String ORDER_V2 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":"
            + "[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"ship_to\",\"type\":\"shop.Address\"},"
            + "{\"name\":\"currency\",\"type\":\"string\",\"default\":\"EUR\"}]}";
    private static final String ORDER_BROKEN = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String KEY = "{\"type\":\"string\"}";

    private final Map<Integer, Integer> rewritten;

    private DemoSchemas(Map<Integer, Integer> rewritten) {
        this.rewritten = rewritten;
    }

    /**
     * Whether the registries can run here: a Java 21+ and Apicurio's distribution (fetched from Maven Central once, then
     * cached). When not, says so in one line.
     */
    static boolean available(PrintWriter out) {
        JavaRuntimes.Search java = JavaRuntimes.find(JavaRuntimes.REGISTRY_MINIMUM);
        if (java.runtime().isEmpty()) {
            out.println("      schemas: skipped — the schema registries need a Java " + JavaRuntimes.REGISTRY_MINIMUM
                    + "+ and none was found (set " + JavaRuntimes.ENV + " to a JDK home to see schemas move)");
            return false;
        }
        try {
            RegistryDistribution.defaults().home(line -> {
                out.println("      " + line);
                out.flush();
            });
            return true;
        } catch (RuntimeException e) {
            out.println("      schemas: skipped — Apicurio Registry " + RegistryDistribution.VERSION
                    + " could not be fetched (" + e.getMessage() + ")");
            return false;
        }
    }

    /**
     * Before the link starts: the subjects and records on the source, the target's own schemas, the sync, and
     * {@code schemaIds: rewrite} for the link. Empty when the session runs no registries.
     */
    static DemoSchemas seed(SandboxSession session, Path dir, PrintWriter out) {
        Optional<ApicurioRegistries> registries = session.registries();
        if (registries.isEmpty()) {
            return null;
        }
        Workspace ws = Workspace.load(dir);
        Duration timeout = Duration.ofSeconds(30);
        RegistryClient source =
                RegistryClient.of(ws.profile("source").schemaRegistry().orElseThrow(), timeout);
        RegistryClient target =
                RegistryClient.of(ws.profile("target").schemaRegistry().orElseThrow(), timeout);
        // another team's schemas already on the target: the ids the source uses mean other schemas there
        for (int i = 0; i < 3; i++) {
            target.register(
                    "inventory-" + i + "-value",
                    Schema.avro("{\"type\":\"record\",\"name\":\"Stock" + i + "\",\"fields\":[{\"name\":\"sku\","
                            + "\"type\":\"string\"}]}"),
                    OptionalInt.empty(),
                    OptionalInt.empty());
        }
        int address = source.register("shop.Address", Schema.avro(ADDRESS), OptionalInt.empty(), OptionalInt.empty());
        List<SchemaReference> refs = List.of(new SchemaReference("shop.Address", "shop.Address", 1));
        int v1 = source.register(
                TOPIC + "-value", new Schema(Schema.AVRO, ORDER_V1, refs), OptionalInt.empty(), OptionalInt.empty());
        int v2 = source.register(
                TOPIC + "-value", new Schema(Schema.AVRO, ORDER_V2, refs), OptionalInt.empty(), OptionalInt.empty());
        source.register(TOPIC + "-value", Schema.avro(ORDER_BROKEN), OptionalInt.empty(), OptionalInt.empty());
        source.deleteVersion(TOPIC + "-value", 3, false); // a mistake, soft-deleted: it moves as it is
        source.setCompatibility(Optional.of(TOPIC + "-value"), "BACKWARD");
        int key = source.register(TOPIC + "-key", Schema.avro(KEY), OptionalInt.empty(), OptionalInt.empty());
        produce(ws, v1, v2, key);
        out.println("      schemas: " + TOPIC + " holds " + RECORDS + " Avro records in Confluent's wire format (key"
                + " and value); its subjects on the source registry: " + TOPIC + "-key, " + TOPIC + "-value (3"
                + " versions, the last soft-deleted, BACKWARD) and shop.Address (id " + address + ", referenced);"
                + " the target registry already holds another team's schemas under ids the source uses");

        SyncReport report = new SchemaSync(source, target)
                .run(new SyncRequest("source", "target", dir, Pattern.compile(".*"), false), Progress.none());
        Map<Integer, Integer> map =
                IdMap.load(dir, "source", "target").map(IdMap::changed).orElse(Map.of());
        out.println("      schemas sync: " + report.changes() + " change(s) on the target registry, " + report.failed()
                + " refused; ids mapped source → target: "
                + map.entrySet().stream()
                        .map(e -> e.getKey() + "→" + e.getValue())
                        .collect(Collectors.joining(", "))
                + " (" + IdMap.file(dir, "source", "target").getFileName() + ")");
        rewriteIds(dir);
        out.println("      the link rewrites schema ids to the target's (links.default.schemaIds: rewrite in"
                + " cutover.yaml); verify compares its copies modulo that rewrite");
        out.flush();
        return new DemoSchemas(map);
    }

    /**
     * After the link caught up: reads orders-avro on the target and says whose ids its records carry, and that each
     * resolves on the target registry to the schema its source id names on the source.
     */
    void reportCopied(Workspace ws, PrintWriter out) {
        Map<String, Object> props = new HashMap<>(ws.profile("target").clientProperties());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Duration timeout = Duration.ofSeconds(30);
        RegistryClient sourceRegistry =
                RegistryClient.of(ws.profile("source").schemaRegistry().orElseThrow(), timeout);
        RegistryClient targetRegistry =
                RegistryClient.of(ws.profile("target").schemaRegistry().orElseThrow(), timeout);
        Map<Integer, Integer> inverse = new HashMap<>();
        rewritten.forEach((from, to) -> inverse.put(to, from));
        java.util.Map<Integer, Long> ids = new java.util.TreeMap<>();
        long records = 0;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                props,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> tps = consumer.partitionsFor(TOPIC, timeout).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(tps, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    WireFormat.schemaId(r.key()).ifPresent(id -> ids.merge(id, 1L, Long::sum));
                    WireFormat.schemaId(r.value()).ifPresent(id -> ids.merge(id, 1L, Long::sum));
                }
            }
        }
        List<String> resolved = new java.util.ArrayList<>();
        for (int id : ids.keySet()) {
            int sourceId = inverse.getOrDefault(id, id);
            boolean same = targetRegistry
                    .schemaById(id)
                    .flatMap(t -> sourceRegistry.schemaById(sourceId).map(s -> s.text()
                            .equals(t.text())))
                    .orElse(false);
            resolved.add(id + (sourceId == id ? "" : " (source " + sourceId + ")") + (same ? " ✓" : " ✗"));
        }
        out.println("      " + TOPIC + " on the target: " + records + " records; the schema ids they carry, each"
                + " resolving on the target registry to the schema of its source id (✓): "
                + String.join(", ", resolved));
        out.flush();
    }

    @Override
    public void close() {
        // the registries belong to the sandbox session, which stops them
    }

    private static void produce(Workspace ws, int v1, int v2, int key) {
        Map<String, Object> props = new HashMap<>(ws.profile("source").clientProperties());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + TOPIC + " on the source: " + e.getMessage(), e);
        }
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        String[] cities = {"Lisbon", "Oslo", "Tallinn", "Porto"};
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                avroLong(value, i);
                avroString(value, cities[i % cities.length]);
                boolean second = i >= RECORDS / 2;
                if (second) {
                    avroString(value, "EUR");
                }
                ByteArrayOutputStream k = new ByteArrayOutputStream();
                avroString(k, "order-" + i);
                producer.send(new ProducerRecord<>(
                        TOPIC,
                        WireFormat.encode(key, k.toByteArray()),
                        WireFormat.encode(second ? v2 : v1, value.toByteArray())));
            }
            producer.flush();
        }
    }

    /** Adds {@code schemaIds: rewrite} to the default link in cutover.yaml. */
    private static void rewriteIds(Path dir) {
        Path config = dir.resolve(Workspace.CONFIG_FILE);
        try {
            String text = Files.readString(config, StandardCharsets.UTF_8);
            String setting =
                    "    schemaIds: rewrite   # the target registry holds the source's schemas under other ids\n";
            String updated = text.contains("links:\n  default:\n")
                    ? text.replace("links:\n  default:\n", "links:\n  default:\n" + setting)
                    : text + (text.endsWith("\n") ? "" : "\n") + "links:\n  default:\n" + setting;
            AtomicFiles.write(config, updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Avro's long: zig-zag, then base-128 varint. */
    static void avroLong(ByteArrayOutputStream out, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }

    static void avroString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        avroLong(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }
}
