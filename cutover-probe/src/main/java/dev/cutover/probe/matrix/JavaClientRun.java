package dev.cutover.probe.matrix;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One kafka-clients version's round trip, driven by reflection in its own {@link URLClassLoader} whose parent is the
 * platform loader (so nothing of cutover's own kafka-clients leaks in). Runs on the matrix's per-client thread, with
 * that loader as the thread's context loader (old clients load configured classes through it).
 */
final class JavaClientRun {
    private static final String HEADER = "cutover-matrix";

    private final ClientSpec.KafkaJava spec;
    private final List<Path> jars;
    private final Map<String, String> clientProps;
    private final RoundTrip trip;

    JavaClientRun(ClientSpec.KafkaJava spec, List<Path> jars, Map<String, String> clientProps, RoundTrip trip) {
        this.spec = spec;
        this.jars = jars;
        this.clientProps = clientProps;
        this.trip = trip;
    }

    void run(Progress progress) throws Exception {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            progress.step(MatrixCheck.PRODUCE, "producing");
            produce(loader);
            progress.pass(MatrixCheck.PRODUCE);
            progress.step(MatrixCheck.CONSUME, "consuming");
            consumeAndCommit(loader, progress);
        }
    }

    private void produce(ClassLoader loader) throws Exception {
        Properties p = base("producer");
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("acks", "all");
        p.put("max.block.ms", String.valueOf(trip.deadlineMillis()));
        Class<?> recordType = loader.loadClass("org.apache.kafka.clients.producer.ProducerRecord");
        var ctor = recordType.getConstructor(String.class, Integer.class, Object.class, Object.class);
        Object producer = loader.loadClass("org.apache.kafka.clients.producer.KafkaProducer")
                .getConstructor(Properties.class)
                .newInstance(p);
        try {
            Method send = producer.getClass().getMethod("send", recordType);
            for (int i = 0; i < trip.records(); i++) {
                Object record = ctor.newInstance(trip.topic(), 0, trip.key(i), trip.value(i));
                if (spec.hasHeaders()) {
                    Object headers = recordType.getMethod("headers").invoke(record);
                    headers.getClass()
                            .getMethod("add", String.class, byte[].class)
                            .invoke(headers, HEADER, trip.header(i));
                }
                ((Future<?>) invoke(send, producer, record)).get(trip.remainingMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            close(producer);
        }
    }

    private void consumeAndCommit(ClassLoader loader, Progress progress) throws Exception {
        Properties p = base("consumer");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("group.id", trip.group());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        Object consumer = loader.loadClass("org.apache.kafka.clients.consumer.KafkaConsumer")
                .getConstructor(Properties.class)
                .newInstance(p);
        try {
            Object tp = loader.loadClass("org.apache.kafka.common.TopicPartition")
                    .getConstructor(String.class, int.class)
                    .newInstance(trip.topic(), 0);
            oneArg(consumer, "assign").invoke(consumer, List.of(tp));
            int seen = 0;
            int headersOk = 0;
            while (seen < trip.records()) {
                if (trip.remainingMillis() <= 0) {
                    throw new IllegalStateException(seen + " of " + trip.records() + " record(s) read back in time");
                }
                for (Object r : (Iterable<?>) poll(consumer)) {
                    byte[] key = (byte[]) r.getClass().getMethod("key").invoke(r);
                    byte[] value = (byte[]) r.getClass().getMethod("value").invoke(r);
                    if (!Arrays.equals(key, trip.key(seen)) || !Arrays.equals(value, trip.value(seen))) {
                        throw new IllegalStateException("record " + seen + " came back different: key "
                                + new String(key == null ? new byte[0] : key, StandardCharsets.UTF_8));
                    }
                    if (spec.hasHeaders() && Arrays.equals(header(r), trip.header(seen))) {
                        headersOk++;
                    }
                    seen++;
                }
            }
            progress.pass(MatrixCheck.CONSUME);
            progress.step(MatrixCheck.COMMIT, "committing");
            consumer.getClass().getMethod("commitSync").invoke(consumer);
            long committed = committed(consumer, tp);
            if (committed != trip.records()) {
                throw new IllegalStateException(
                        "committed offset reads back as " + committed + ", not " + trip.records());
            }
            progress.pass(MatrixCheck.COMMIT);
            progress.step(MatrixCheck.HEADERS, "checking headers");
            if (!spec.hasHeaders()) {
                progress.skip(MatrixCheck.HEADERS, "kafka-clients before 0.11 has no headers");
            } else if (headersOk != trip.records()) {
                throw new IllegalStateException(headersOk + " of " + trip.records() + " header(s) came back equal");
            } else {
                progress.pass(MatrixCheck.HEADERS);
            }
        } finally {
            close(consumer);
        }
    }

    private Properties base(String role) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put("client.id", "cutover-matrix-" + role + "-" + spec.version());
        return p;
    }

    private Object poll(Object consumer) throws Exception {
        try {
            return invoke(consumer.getClass().getMethod("poll", Duration.class), consumer, Duration.ofMillis(200));
        } catch (NoSuchMethodException e) {
            return invoke(consumer.getClass().getMethod("poll", long.class), consumer, 200L);
        }
    }

    private static byte[] header(Object record) throws Exception {
        Object headers = record.getClass().getMethod("headers").invoke(record);
        Object last = headers.getClass().getMethod("lastHeader", String.class).invoke(headers, HEADER);
        return last == null ? null : (byte[]) last.getClass().getMethod("value").invoke(last);
    }

    private static long committed(Object consumer, Object tp) throws Exception {
        Object meta;
        try {
            Map<?, ?> all =
                    (Map<?, ?>) invoke(consumer.getClass().getMethod("committed", Set.class), consumer, Set.of(tp));
            meta = all.get(tp);
        } catch (NoSuchMethodException e) {
            meta = invoke(consumer.getClass().getMethod("committed", tp.getClass()), consumer, tp);
        }
        return meta == null ? -1 : (long) meta.getClass().getMethod("offset").invoke(meta);
    }

    private static Method oneArg(Object target, String name) throws NoSuchMethodException {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name)
                    && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].isAssignableFrom(List.class)) {
                return m;
            }
        }
        throw new NoSuchMethodException(name + "(Collection)");
    }

    /** Invokes and unwraps, so failures read as the client's own exception. */
    private static Object invoke(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void close(Object client) {
        try {
            client.getClass().getMethod("close", Duration.class).invoke(client, Duration.ofSeconds(2));
            return;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not in this version: older ones close with (long, TimeUnit)
        }
        try {
            client.getClass().getMethod("close", long.class, TimeUnit.class).invoke(client, 2L, TimeUnit.SECONDS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // best effort: the client's thread is a daemon and is abandoned at the deadline
        }
    }
}
