package dev.cutover.probe.traffic;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.probe.traffic.SchemaPlan.SampledId;
import dev.cutover.probe.traffic.SchemaPlan.Side;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The probe's schema check: whether a consumer on the target using the workload's serializer format would deserialize
 * its records with the right schema. For each sampled id (at most {@value SchemaPlan#MAX_IDS_PER_TOPIC} per topic and
 * side): one real record carrying it is read on the source, its id turned into the target's ({@link SchemaRoute}: the
 * stored id map and the link's {@code schemaIds}), the record produced with its own bytes (ids rewritten where the
 * link would) to the probe's schema topic, consumed back, and the id read from the consumed bytes looked up on the
 * target registry: it must answer the same schema type and text as the source registry answers for the source id.
 *
 * <p>Never a pass from missing data: a record the source no longer holds, a registry that does not answer or a record
 * not read back is unknown; a topic that could not be sampled is unknown.
 */
final class SchemaChecks {
    /** The header that ties a produced record to its check. */
    static final String CHECK_HEADER = "cutover-probe-schema-check";

    private final SchemaPlan.Run plan;
    private final TrafficClients clients;

    SchemaChecks(SchemaPlan.Run plan, TrafficClients clients) {
        this.plan = plan;
        this.clients = clients;
    }

    static String name(SampledId s) {
        return "schema: " + s.describe() + " on the target";
    }

    /** A sampled id whose record is to be produced, with what is known of it so far. */
    private record Pending(SampledId sampled, int targetId, String how, Schema sourceSchema) {}

    /** Runs the check; {@code probeTopic} is this run's schema probe topic, already created. */
    List<ProbeCheck> run(Optional<ConnectionProfile> source, String probeTopic) {
        List<ProbeCheck> checks = new ArrayList<>();
        plan.unsampled()
                .forEach((topic, why) -> checks.add(ProbeCheck.unknown(
                        "schema: topic " + topic,
                        ProbeArea.TOPICS,
                        "the schema ids its records carry are unknown: " + why,
                        "give the source profile READ on " + topic + ", or a longer timeout")));
        RegistryClient sourceRegistry = RegistryClient.of(plan.source(), clients.timeout());
        RegistryClient targetRegistry = RegistryClient.of(plan.target(), clients.timeout());
        List<Pending> pending = new ArrayList<>();
        for (SampledId s : plan.ids()) {
            SchemaRoute route = SchemaRoute.of(
                    s,
                    plan.map(),
                    plan.mapFile(),
                    Optional.ofNullable(plan.links().get(s.topic())));
            if (route instanceof SchemaRoute.Refused r) {
                checks.add(ProbeCheck.fail(name(s), ProbeArea.TOPICS, r.details(), r.fix()));
                continue;
            }
            SchemaRoute.Write w = (SchemaRoute.Write) route;
            Optional<Schema> schema;
            try {
                schema = sourceRegistry.schemaById(s.id());
            } catch (CutoverException e) {
                checks.add(ProbeCheck.unknown(
                        name(s),
                        ProbeArea.TOPICS,
                        "source registry: " + e.getMessage(),
                        e.hint().orElse("")));
                continue;
            }
            if (schema.isEmpty()) {
                checks.add(ProbeCheck.skipped(
                        name(s),
                        ProbeArea.TOPICS,
                        "the source registry " + sourceRegistry.url() + " does not know id " + s.id()
                                + ": no schema to migrate (the bytes may only start like the wire format; readiness"
                                + " SCHEMA-006)"));
                continue;
            }
            pending.add(new Pending(s, w.targetId(), w.how(), schema.get()));
        }
        if (pending.isEmpty()) {
            return checks;
        }
        if (source.isEmpty()) {
            pending.forEach(p -> checks.add(ProbeCheck.unknown(
                    name(p.sampled()), ProbeArea.TOPICS, "no source profile to read a record from", "")));
            return checks;
        }
        checks.addAll(exercise(source.get(), probeTopic, pending, targetRegistry));
        return checks;
    }

    /** Reads the records on the source, produces them to the probe topic, reads them back and checks their ids. */
    private List<ProbeCheck> exercise(
            ConnectionProfile source, String probeTopic, List<Pending> pending, RegistryClient targetRegistry) {
        List<ProbeCheck> checks = new ArrayList<>();
        List<Pending> sent = new ArrayList<>();
        long largest = 0;
        clients.names().requireProbeTopic(probeTopic);
        try (SourceRecords records = new SourceRecords(source);
                KafkaProducer<byte[], byte[]> producer = clients.producer("none", 1024 * 1024, null)) {
            for (Pending p : pending) {
                Optional<ConsumerRecord<byte[], byte[]>> found;
                try {
                    found = records.find(p.sampled());
                } catch (RuntimeException e) {
                    checks.add(ProbeCheck.unknown(
                            name(p.sampled()),
                            ProbeArea.TOPICS,
                            "its record could not be read on the source: " + Failures.describe(e),
                            "give the source profile READ on " + p.sampled().topic()));
                    continue;
                }
                if (found.isEmpty()) {
                    checks.add(ProbeCheck.unknown(
                            name(p.sampled()),
                            ProbeArea.TOPICS,
                            "no record carrying it within " + SourceRecords.MAX_SCANNED + " records of partition "
                                    + p.sampled().seen().partition() + " offset "
                                    + p.sampled().seen().offset()
                                    + " on the source (removed since the sample?)",
                            "run the probe again"));
                    continue;
                }
                ConsumerRecord<byte[], byte[]> r = found.get();
                byte[] key = copied(r.key(), p.sampled().side() == Side.KEY ? OptionalInt.of(p.targetId()) : null);
                byte[] value =
                        copied(r.value(), p.sampled().side() == Side.VALUE ? OptionalInt.of(p.targetId()) : null);
                RecordHeaders headers = new RecordHeaders();
                for (Header h : r.headers()) {
                    headers.add(h);
                }
                headers.add(CHECK_HEADER, String.valueOf(sent.size()).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(probeTopic, null, null, key, value, headers))
                        .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS);
                largest = Math.max(largest, (key == null ? 0 : key.length) + (value == null ? 0 : value.length));
                sent.add(p);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            for (Pending p : pending) {
                if (checks.stream().noneMatch(c -> c.name().equals(name(p.sampled())))) {
                    checks.add(ProbeCheck.unknown(
                            name(p.sampled()),
                            ProbeArea.TOPICS,
                            "not produced to " + probeTopic + ": " + Failures.describe(e),
                            "see the producer checks"));
                }
            }
            return checks;
        }
        if (sent.isEmpty()) {
            return checks;
        }
        ReadBack.Result back = ReadBack.all(clients, probeTopic, "read_committed", largest);
        for (int i = 0; i < sent.size(); i++) {
            checks.add(judge(sent.get(i), consumed(back, i), targetRegistry, probeTopic));
        }
        return checks;
    }

    /**
     * The bytes a copy carries: {@code checked} (the id this check routed) on the checked side; on the other side, an
     * id the map holds is rewritten where the link would ({@link SchemaRoute}), other bytes are left as they are.
     */
    private byte[] copied(byte[] bytes, OptionalInt checked) {
        OptionalInt id = WireFormat.schemaId(bytes);
        if (id.isEmpty()) {
            return bytes;
        }
        if (checked != null) {
            return WireFormat.withSchemaId(bytes, checked.getAsInt());
        }
        OptionalInt mapped = plan.map().map(m -> m.target(id.getAsInt())).orElse(OptionalInt.empty());
        return mapped.isPresent() ? WireFormat.withSchemaId(bytes, mapped.getAsInt()) : bytes;
    }

    private static Optional<ConsumerRecord<byte[], byte[]>> consumed(ReadBack.Result back, int index) {
        byte[] want = String.valueOf(index).getBytes(StandardCharsets.UTF_8);
        return back.records().stream()
                .filter(r -> {
                    Header h = r.headers().lastHeader(CHECK_HEADER);
                    return h != null && java.util.Arrays.equals(h.value(), want);
                })
                .findFirst();
    }

    private ProbeCheck judge(
            Pending p, Optional<ConsumerRecord<byte[], byte[]>> read, RegistryClient targetRegistry, String topic) {
        SampledId s = p.sampled();
        if (read.isEmpty()) {
            return ProbeCheck.unknown(
                    name(s),
                    ProbeArea.TOPICS,
                    "produced to " + topic + " but not read back within the target profile's timeout",
                    "see the consumer checks");
        }
        OptionalInt id = WireFormat.schemaId(
                s.side() == Side.KEY ? read.get().key() : read.get().value());
        if (id.isEmpty()) {
            return ProbeCheck.fail(
                    name(s), ProbeArea.TOPICS, "the record read back carries no schema id", "report this as a bug");
        }
        Optional<Schema> onTarget;
        try {
            onTarget = targetRegistry.schemaById(id.getAsInt());
        } catch (CutoverException e) {
            return ProbeCheck.unknown(
                    name(s),
                    ProbeArea.TOPICS,
                    "target registry: " + e.getMessage(),
                    e.hint().orElse(""));
        }
        String read0 = "read back from " + topic + " with id " + id.getAsInt() + " (" + p.how() + ")";
        if (onTarget.isEmpty()) {
            return ProbeCheck.fail(
                    name(s),
                    ProbeArea.TOPICS,
                    read0 + ", which the target registry " + targetRegistry.url() + " does not know",
                    "run 'cutover schemas sync', then the probe again");
        }
        Schema want = p.sourceSchema();
        Schema got = onTarget.get();
        if (!want.sameContent(got)) {
            return ProbeCheck.fail(
                    name(s),
                    ProbeArea.TOPICS,
                    read0 + ": the target registry answers a schema (" + got.type() + ") that differs from the"
                            + " source's (" + want.type() + ") for id " + s.id()
                            + (want.type().equals(got.type()) ? " in its text" : " in its type"),
                    "run 'cutover schemas sync' again: the id map " + plan.mapFile() + " is stale (it maps id " + s.id()
                            + " to " + p.targetId() + ")");
        }
        return ProbeCheck.pass(
                name(s),
                ProbeArea.TOPICS,
                read0 + ": the target registry answers the same " + got.type() + " schema as the source for id "
                        + s.id());
    }
}
