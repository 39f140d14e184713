package dev.cutover.sandbox.clients;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer application in its own JVM, the way the sandbox's clients and the wave tests run one: it reads its
 * connection from a properties file (the file a wave's switcher rewrites) and writes numbered records to its topic, one
 * partition after the other, at a steady pace (about 50 a second), each acknowledged by the cluster before the next
 * batch; it appends every acknowledged record to a log ({@code topic TAB partition TAB offset TAB value TAB
 * bootstrap}) and, when started again, goes on from the last number it logged. SIGTERM stops it cleanly: what it sent
 * is acknowledged and logged, then it exits. The log is its own record of what it wrote, against which a producer
 * move is checked: every record on each side once, in order.
 *
 * <p>With {@code dual.bootstrap.servers} in its properties (an application setting, not Kafka's) it writes every
 * record to that cluster too, as an application in a dual-write period does: the same key, value and header, the same
 * partition, acknowledged by both before it is logged once per cluster.
 *
 * <p>Usage: {@code RecordingProducer PROPERTIES NAME TOPIC PARTITIONS LOG}
 */
public final class RecordingProducer {
    private RecordingProducer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RecordingProducer PROPERTIES NAME TOPIC PARTITIONS LOG");
            System.exit(2);
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            props.load(r);
        }
        String name = args[1];
        String topic = args[2];
        int partitions = Integer.parseInt(args[3]);
        Path log = Path.of(args[4]);
        props.putIfAbsent(
                ProducerConfig.CLIENT_ID_CONFIG,
                name + "-" + ProcessHandle.current().pid());
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        String bootstrap = props.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        String dual = (String) props.remove(DUAL);
        Properties dualProps = new Properties();
        dualProps.putAll(props);
        if (dual != null) {
            dualProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, dual);
            dualProps.put(
                    ProducerConfig.CLIENT_ID_CONFIG, props.getProperty(ProducerConfig.CLIENT_ID_CONFIG) + "-dual");
        }
        long next = lastNumber(log) + 1;
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                KafkaProducer<String, String> second = dual == null
                        ? null
                        : new KafkaProducer<>(dualProps, new StringSerializer(), new StringSerializer());
                BufferedWriter out = Files.newBufferedWriter(
                        log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            System.out.println("writing " + topic + " as " + name + " to " + bootstrap
                    + (dual == null ? "" : " and " + dual) + " from number " + next);
            System.out.flush();
            while (running.get()) {
                // a batch of one record per partition, acknowledged before it is logged
                List<String> values = new java.util.ArrayList<>();
                List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
                List<Future<RecordMetadata>> sentTwice = new java.util.ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    String value = name + "-" + next++;
                    values.add(value);
                    sent.add(producer.send(record(topic, p, value, dual != null, name)));
                    if (second != null) {
                        sentTwice.add(second.send(record(topic, p, value, true, name)));
                    }
                }
                for (int i = 0; i < sent.size(); i++) {
                    RecordMetadata m = sent.get(i).get();
                    out.write(topic + "\t" + m.partition() + "\t" + m.offset() + "\t" + values.get(i) + "\t" + bootstrap
                            + "\n");
                }
                for (int i = 0; i < sentTwice.size(); i++) {
                    RecordMetadata m = sentTwice.get(i).get();
                    out.write(topic + "\t" + m.partition() + "\t" + m.offset() + "\t" + values.get(i) + "\t" + dual
                            + "\n");
                }
                out.flush();
                Thread.sleep(20); // the application's pace, about 50 records a second per partition
            }
        } catch (IOException e) {
            System.err.println("cannot write " + log + ": " + e.getMessage());
        } finally {
            done.countDown();
        }
    }

    /** The application setting that names the second cluster of a dual write. */
    public static final String DUAL = "dual.bootstrap.servers";

    /** A record; in a dual-write period it carries a header naming its writer (the comparison checks headers too). */
    private static ProducerRecord<String, String> record(
            String topic, int partition, String value, boolean header, String name) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, partition, "k" + partition, value);
        if (header) {
            r.headers().add("written-by", name.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    /** The last number logged, or -1. */
    private static long lastNumber(Path log) throws IOException {
        if (!Files.exists(log)) {
            return -1;
        }
        long last = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length >= 4) {
                last = Math.max(last, Long.parseLong(f[3].substring(f[3].lastIndexOf('-') + 1)));
            }
        }
        return last;
    }
}
