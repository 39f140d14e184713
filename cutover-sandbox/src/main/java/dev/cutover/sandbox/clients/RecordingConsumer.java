package dev.cutover.sandbox.clients;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer application in its own JVM, the way the sandbox's clients and the wave tests run one: it reads its
 * connection from a properties file (the file a wave's switcher rewrites), consumes its group's topics, appends every
 * record it processes to a log ({@code topic TAB partition TAB offset TAB value TAB bootstrap}), and commits after each
 * batch is written. SIGTERM stops it cleanly: the batch in hand is written and committed, then it leaves its group.
 * The log is its own record of what it processed, against which moves are checked for replays and skips.
 *
 * <p>Usage: {@code RecordingConsumer PROPERTIES GROUP TOPIC[,TOPIC...] LOG}
 */
public final class RecordingConsumer {
    private RecordingConsumer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RecordingConsumer PROPERTIES GROUP TOPIC[,TOPIC...] LOG");
            System.exit(2);
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            props.load(r);
        }
        props.put(ConsumerConfig.GROUP_ID_CONFIG, args[1]);
        props.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG,
                args[1] + "-" + ProcessHandle.current().pid());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        String bootstrap = props.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        Path log = Path.of(args[3]);
        CountDownLatch done = new CountDownLatch(1);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup();
            try {
                done.await();
                main.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (BufferedWriter out = Files.newBufferedWriter(
                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            consumer.subscribe(Arrays.asList(args[2].split(",")));
            System.out.println("consuming " + args[2] + " as group " + args[1] + " from " + bootstrap);
            System.out.flush();
            while (true) {
                ConsumerRecords<String, String> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (WakeupException e) {
                    break;
                }
                for (ConsumerRecord<String, String> rec : records) {
                    out.write(rec.topic() + "\t" + rec.partition() + "\t" + rec.offset() + "\t" + rec.value() + "\t"
                            + bootstrap + "\n");
                }
                out.flush();
                if (!records.isEmpty()) {
                    try {
                        consumer.commitSync();
                    } catch (WakeupException e) {
                        consumer.commitSync(); // the wake-up came during the commit: finish it, then stop
                        break;
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("cannot write " + log + ": " + e.getMessage());
        } finally {
            // leave the group promptly, also when its cluster is gone (a rollback with the target down stops it)
            consumer.close(Duration.ofSeconds(5));
            done.countDown();
        }
    }
}
