package dev.cutover.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings every sandbox broker shares, whatever its version or metadata mode: replication that fits the
 * cluster's size (a 1-node cluster cannot hold 3 replicas of the offsets topic, and groups hang without it), no wait
 * before the first rebalance, a small cleaner buffer (the 128 MB default is allocated at start), and no automatic topic
 * creation (the estate is explicit; a typo must fail, not create a topic).
 */
public final class BrokerDefaults {
    private BrokerDefaults() {}

    public static Map<String, String> forReplicas(int replicas) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("default.replication.factor", Integer.toString(replicas));
        c.put("offsets.topic.replication.factor", Integer.toString(replicas));
        c.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        c.put("transaction.state.log.min.isr", Integer.toString(Math.min(replicas, 2)));
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("log.cleaner.dedupe.buffer.size", "8388608");
        c.put("auto.create.topics.enable", "false");
        return c;
    }

    /** The JAAS line of a SCRAM client or inter-broker login. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }
}
