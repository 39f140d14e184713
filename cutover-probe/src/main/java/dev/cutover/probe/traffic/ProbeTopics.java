package dev.cutover.probe.traffic;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of what a probe run creates on the target: topics, a group and a transactional id, all under {@link #PREFIX}.
 *
 * <p>Invariant: the probe writes only to topics whose names start with {@code PREFIX + workload + "-" + run id}:
 * {@link #requireProbeTopic} guards every send, so a bug can never write to a workload's real topic.
 */
public record ProbeTopics(String workload, String runId) {
    public static final String PREFIX = "__cutover-probe-";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new run's names, with 8 random hex characters. */
    public static ProbeTopics newRun(String workload) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return new ProbeTopics(workload, HexFormat.of().formatHex(b));
    }

    /** The base of every name of this run: {@code __cutover-probe-<workload>-<run>}, legal as a topic name. */
    public String base() {
        String safe = workload.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
        if (safe.length() > 150) {
            safe = safe.substring(0, 150);
        }
        return PREFIX + safe + "-" + runId;
    }

    /** The probe topic shaped like the workload's {@code i}-th topic (topic 0 also carries the behaviour checks). */
    public String topic(int i) {
        return base() + "-" + i;
    }

    /** The private topic of the client-version matrix's {@code i}-th client. */
    public String matrixTopic(int i) {
        return base() + "-m" + i;
    }

    /** The private topic of the schema check. */
    public String schemaTopic() {
        return base() + "-schemas";
    }

    public String group(String suffix) {
        return base() + "-" + suffix;
    }

    public String transactionalId() {
        return base() + "-tx";
    }

    /** Fails unless {@code topic} is one of this run's probe topics. */
    public String requireProbeTopic(String topic) {
        if (!topic.startsWith(base() + "-")) {
            throw new IllegalStateException("the probe writes only to its own topics, not to " + topic);
        }
        return topic;
    }
}
