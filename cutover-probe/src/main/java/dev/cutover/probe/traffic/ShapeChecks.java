package dev.cutover.probe.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedCompressionTypeException;

/**
 * Per workload topic, on its probe topic: records shaped like the workload's (every codec it may use, headers, a
 * tombstone, a null key where allowed, the largest record) are written, read back and compared byte for byte,
 * timestamps included where the topic keeps CreateTime.
 */
final class ShapeChecks {
    private final TrafficClients clients;
    private final Random random = new Random();

    ShapeChecks(TrafficClients clients) {
        this.clients = clients;
    }

    List<ProbeCheck> run(WorkloadShape shape, TopicShape topic, String probeTopic) {
        List<ProbeCheck> checks = new ArrayList<>();
        long now = System.currentTimeMillis() - 60_000;
        checks.add(timestamps(topic));
        List<ProbeRecord> written = new ArrayList<>();
        for (String codec : shape.codecs()) {
            String name = "topic " + topic.topic() + ": shaped records (" + codec + ")";
            List<ProbeRecord> records =
                    ShapedRecords.ordinary(topic, clients.names().runId() + "-" + codec, now, random);
            String refused = write(probeTopic, codec, topic.recordBytes(), records);
            if (refused != null) {
                checks.add(ProbeCheck.fail(
                        name,
                        ProbeArea.PROTOCOL,
                        "the target refused " + codec + " records: " + refused,
                        "enable the codec on the target, or change the workload's compression.type"));
            } else {
                written.addAll(records);
                checks.add(compare(name, ProbeArea.PROTOCOL, probeTopic, topic, records, describe(topic, codec)));
            }
        }
        ProbeRecord largest = ShapedRecords.largest(topic, clients.names().runId() + "-big", now + 10, random);
        long size = ShapedRecords.sizeBound(largest.key(), largest.value(), largest.headers());
        String name = "topic " + topic.topic() + ": largest record (" + size + " bytes)";
        String limit = topic.probeConfigs().getOrDefault(Shapes.MAX_MESSAGE_BYTES, "the broker's message.max.bytes");
        String refused = write(probeTopic, shape.codecs().get(0), size, List.of(largest));
        if (refused != null) {
            checks.add(ProbeCheck.fail(
                    name,
                    ProbeArea.TOPICS,
                    "a record of " + size + " bytes (" + topic.sizeSource() + ") was refused under max.message.bytes="
                            + limit + " (from " + topic.configSource() + "): " + refused,
                    "raise max.message.bytes of " + topic.topic() + " on the target to at least " + size));
        } else {
            checks.add(compare(
                    name,
                    ProbeArea.TOPICS,
                    probeTopic,
                    topic,
                    List.of(largest),
                    size + " bytes (" + topic.sizeSource() + ") accepted under max.message.bytes=" + limit + " (from "
                            + topic.configSource() + ") and read back equal"));
        }
        return checks;
    }

    private static String describe(TopicShape topic, String codec) {
        return "keyed record with " + topic.headers() + " headers (" + topic.headerSource() + "), a tombstone"
                + (topic.nullKeys() ? ", a null key" : " (no null key: the topic is compacted)") + ", " + codec
                + ", configs " + topic.probeConfigs() + " from " + topic.configSource()
                + ": written and read back equal" + (topic.keepsCreateTime() ? ", timestamps kept" : "");
    }

    private ProbeCheck timestamps(TopicShape topic) {
        String name = "topic " + topic.topic() + ": timestamp type";
        String type = topic.probeConfigs().getOrDefault(Shapes.TIMESTAMP_TYPE, "CreateTime");
        if (topic.createTimeExpected() && !topic.keepsCreateTime()) {
            return ProbeCheck.fail(
                    name,
                    ProbeArea.TOPICS,
                    type + " on " + topic.configSource() + ": the broker would replace the workload's timestamps",
                    "set message.timestamp.type=CreateTime on " + topic.topic() + " on the target");
        }
        return ProbeCheck.pass(name, ProbeArea.TOPICS, type + " (" + topic.configSource() + ")");
    }

    /** Writes the records; null when all were acknowledged, else why not. */
    private String write(String probeTopic, String codec, long largest, List<ProbeRecord> records) {
        String topic = clients.names().requireProbeTopic(probeTopic);
        try (KafkaProducer<byte[], byte[]> producer = clients.producer(codec, largest, null)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProbeRecord r : records) {
                sent.add(producer.send(r.toProducerRecord(topic)));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            return null;
        } catch (java.util.concurrent.TimeoutException e) {
            return "no acknowledgement within " + clients.timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            if (Failures.is(e, RecordTooLargeException.class)) {
                return "RecordTooLargeException (the record is larger than the topic allows)";
            }
            if (Failures.is(e, UnsupportedCompressionTypeException.class)) {
                return "UnsupportedCompressionTypeException";
            }
            return Failures.describe(e);
        }
    }

    private ProbeCheck compare(
            String name, ProbeArea area, String probeTopic, TopicShape topic, List<ProbeRecord> written, String ok) {
        long largest = written.stream()
                        .mapToLong(r -> r.value() == null ? 0 : r.value().length)
                        .max()
                        .orElse(0)
                + 64 * 1024;
        ReadBack.Result read;
        try {
            read = ReadBack.all(clients, probeTopic, "read_committed", Math.max(largest, topic.recordBytes()));
        } catch (RuntimeException e) {
            return ProbeCheck.unknown(name, area, "written, but could not be read back: " + Failures.describe(e), "");
        }
        List<ProbeRecord> mine = read.probeRecords().stream()
                .filter(r -> written.stream().anyMatch(w -> w.id().equals(r.id())))
                .toList();
        List<String> problems = ShapedRecords.compare(written, mine, topic.keepsCreateTime());
        if (!problems.isEmpty()) {
            return ProbeCheck.fail(
                    name,
                    area,
                    (read.complete() ? "" : "not read to the end within " + clients.timeout() + "; ")
                            + String.join("; ", problems.subList(0, Math.min(5, problems.size()))),
                    "compare the target's topic configs with the source's (docs/probe.md)");
        }
        return ProbeCheck.pass(name, area, ok);
    }
}
