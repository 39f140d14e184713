package dev.cutover.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.connect.mirror.MirrorMaker;

/**
 * MirrorMaker 2 in dedicated mode, in this JVM ({@code new MirrorMaker(props, List.of(target)).start()}), with the
 * identity replication policy so that the target topic has the source topic's name, and replication factor 1 for its
 * internal topics. Only the given topic and consumer group are mirrored; heartbeats and ACL sync are off; checkpoints
 * and group offset sync run every second, so that {@link LinkBenchmark} can see how MM2 translates offsets.
 *
 * <p>Each {@link #start} uses fresh cluster aliases ({@code src<n>}, {@code tgt<n>}), hence fresh internal topics (the
 * Connect offsets, configs and status topics, checkpoints and offset syncs are all named after the aliases): a later
 * run never resumes from an earlier run's progress.
 *
 * <p>{@link #exactlyOnce} is MirrorMaker 2's exactly-once mode (KIP-618, supported in dedicated mode since Kafka 3.5):
 * the Connect worker writing to the target has {@code exactly.once.source.support=enabled}, so each task writes its
 * records and its source offsets in one transaction per poll; the source consumer reads {@code read_committed} (the
 * connector refuses exactly-once otherwise); and the dedicated node runs its internal REST server ({@code
 * dedicated.mode.enable.internal.rest=true}, KIP-710), through which workers fence zombie tasks. It counts its copies
 * from MirrorMaker 2's own per-partition {@code record-count} metric, because commit markers make the target's end
 * offsets overstate what it copied.
 */
public final class MirrorMakerReplicator implements Replicator {
    public static final String DEFAULTS = "MirrorMaker 2, defaults";
    public static final String TUNED = "MirrorMaker 2, tuned";
    public static final String EXACTLY_ONCE = "MirrorMaker 2, exactly-once";
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final int FOUR_MB = 4 * 1024 * 1024;

    private final String name;
    private final String group;
    private final Map<String, String> tuning;
    private final boolean exactlyOnce;

    private MirrorMakerReplicator(String name, String group, Map<String, String> tuning, boolean exactlyOnce) {
        this.name = name;
        this.group = group;
        this.tuning = Map.copyOf(tuning);
        this.exactlyOnce = exactlyOnce;
    }

    /** MM2's own defaults for tasks, producer and consumer. */
    public static MirrorMakerReplicator defaults(String group) {
        return new MirrorMakerReplicator(DEFAULTS, group, Map.of(), false);
    }

    /**
     * tasks.max=4; producer linger 20 ms and 512 KiB batches (smaller at many partitions, see {@link ProducerSizing});
     * consumer fetches of 4 MiB.
     */
    public static MirrorMakerReplicator tuned(String group) {
        return new MirrorMakerReplicator(TUNED, group, TUNING, false);
    }

    /**
     * The tuned set-up in exactly-once mode: the fair peer of an exactly-once link. On top of {@link #tuned}: {@code
     * <target>.exactly.once.source.support=enabled}, {@code <source>.consumer.isolation.level=read_committed}, {@code
     * dedicated.mode.enable.internal.rest=true} with {@code listeners=http://localhost:0}.
     */
    public static MirrorMakerReplicator exactlyOnce(String group) {
        Map<String, String> tuning = new HashMap<>(TUNING);
        tuning.put("{target}.exactly.once.source.support", "enabled");
        tuning.put("{source}.consumer.isolation.level", "read_committed");
        tuning.put("dedicated.mode.enable.internal.rest", "true");
        tuning.put("listeners", "http://localhost:0");
        return new MirrorMakerReplicator(EXACTLY_ONCE, group, tuning, true);
    }

    private static final Map<String, String> TUNING = Map.of(
            "tasks.max", "4",
            "{target}.producer.linger.ms", "20",
            "{target}.producer.batch.size", String.valueOf(512 * 1024),
            "{source}.consumer.fetch.max.bytes", String.valueOf(FOUR_MB),
            "{source}.consumer.max.partition.fetch.bytes", String.valueOf(FOUR_MB));

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean translatesGroupOffsets() {
        return true;
    }

    @Override
    public AutoCloseable start(CopyJob job) {
        int n = STARTS.incrementAndGet();
        String src = "src" + n;
        String tgt = "tgt" + n;
        Map<String, String> props = properties(src, tgt, job.source(), job.target(), job.topic());
        if (tuning.containsKey("{target}.producer.batch.size")) {
            // Tuned batches suit the partition count, as the other contenders' do.
            ProducerSizing sizing = ProducerSizing.forPartitions(job.partitions());
            props.put(tgt + ".producer.batch.size", String.valueOf(sizing.batchBytes()));
            props.put(tgt + ".producer.buffer.memory", String.valueOf(sizing.bufferBytes()));
        }
        MirrorMaker mm = new MirrorMaker(props, List.of(tgt));
        mm.start();
        if (!exactlyOnce) {
            return mm::stop;
        }
        return new Replicator.Counting() {
            @Override
            public long copied() {
                return MirrorMakerMetrics.recordCount(tgt, job.topic());
            }

            @Override
            public void close() {
                mm.stop();
            }
        };
    }

    /** The MM2 properties of one run; visible for tests. */
    Map<String, String> properties(
            String src, String tgt, Map<String, Object> source, Map<String, Object> target, String topic) {
        Map<String, String> props = new HashMap<>();
        props.put("clusters", src + "," + tgt);
        clientProps(src, source, props);
        clientProps(tgt, target, props);
        props.put(src + "->" + tgt + ".enabled", "true");
        props.put(src + "->" + tgt + ".topics", topic);
        props.put(src + "->" + tgt + ".groups", group);
        props.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
        for (String key : List.of(
                "replication.factor",
                "checkpoints.topic.replication.factor",
                "heartbeats.topic.replication.factor",
                "offset-syncs.topic.replication.factor",
                "offset.storage.replication.factor",
                "config.storage.replication.factor",
                "status.storage.replication.factor")) {
            props.put(key, "1");
        }
        props.put("emit.heartbeats.enabled", "false");
        props.put("sync.topic.acls.enabled", "false");
        props.put("emit.checkpoints.enabled", "true");
        props.put("emit.checkpoints.interval.seconds", "1");
        props.put("sync.group.offsets.enabled", "true");
        props.put("sync.group.offsets.interval.seconds", "1");
        tuning.forEach((key, value) -> props.put(key.replace("{source}", src).replace("{target}", tgt), value));
        return props;
    }

    private static void clientProps(String alias, Map<String, Object> client, Map<String, String> props) {
        client.forEach((key, value) -> props.put(alias + "." + key, String.valueOf(value)));
        if (!client.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("cluster " + alias + ": no bootstrap.servers");
        }
    }
}
