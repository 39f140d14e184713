package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.TopicSample;
import dev.cutover.readiness.Area;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Topic and schema contract: each of the workload's topics exists on the target with the same partition count and
 * configs that keep what the workload relies on. A config the scan does not list is at its Kafka 4 default ({@link
 * #DEFAULTS}); {@code -1} means unlimited for retention. The target scan is this area's evidence.
 *
 * <p>{@code max.message.bytes}: the target's must hold the largest record seen in the tails of the source topic's
 * partitions ({@link RecordSamples}; an error otherwise), and should reach the source's own limit, since records up to
 * that size may still arrive (a warning otherwise). Without a complete sample the rule says why and compares the two
 * limits only, as an error.
 *
 * <p>Data parity from {@code cutover verify} evidence is checked by {@link ParityRules} ({@code TOPIC-013}, {@code
 * TOPIC-014}); the schema registry contract by {@link SchemaRules} ({@code SCHEMA-001}…).
 */
final class TopicRules {
    static final Map<String, String> DEFAULTS = Map.of(
            "cleanup.policy", "delete",
            "max.message.bytes", "1048588",
            "retention.ms", "604800000",
            "retention.bytes", "-1",
            "message.timestamp.type", "CreateTime",
            "message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE),
            "message.timestamp.after.max.ms", "3600000",
            "delete.retention.ms", "86400000",
            "min.compaction.lag.ms", "0");

    private TopicRules() {}

    static AreaResult evaluate(WorkloadContext c) {
        String subject = "workload " + c.name();
        List<Finding> findings = new ArrayList<>(c.evidenceFindings(Area.TOPICS));
        List<String> evidence = new ArrayList<>(c.passingPaths(Area.TOPICS));
        int checked = 0;
        for (String name : c.topics()) {
            Optional<Topic> source = c.input().source().cluster().topic(name);
            Optional<Topic> target = c.input().target().topic(name);
            if (target.isEmpty()) {
                findings.add(Finding.of(
                        "TOPIC-001",
                        Severity.ERROR,
                        "topic " + name,
                        "used by " + c.name() + " but missing on the target; create it (the link does) before the"
                                + " workload moves"));
                continue;
            }
            if (source.isEmpty()) {
                findings.add(Finding.of(
                        "TOPIC-009",
                        Severity.INFO,
                        "topic " + name,
                        "exists on the target but not on the source: nothing to compare it with"));
                checked++;
                continue;
            }
            checked++;
            compare(source.get(), target.get(), c.input().samples(), findings);
        }
        if (checked == 0 && c.topics().isEmpty()) {
            findings.add(Finding.of(
                    "TOPIC-010",
                    Severity.WARNING,
                    subject,
                    "no topics known: list them under 'topics:' in workloads.yaml (globs are not checked)"));
        }
        ParityRules.evaluate(c, findings, evidence);
        SchemaRules.evaluate(c, findings, evidence);
        if (checked > 0) {
            evidence.add(c.input().targetScan());
        }
        return AreaResult.of(Area.TOPICS, c.owner(), findings, evidence);
    }

    static void compare(Topic s, Topic t, RecordSamples samples, List<Finding> findings) {
        String subject = "topic " + s.name();
        if (s.partitionCount() != t.partitionCount()) {
            findings.add(Finding.of(
                    "TOPIC-002",
                    Severity.ERROR,
                    subject,
                    "has " + t.partitionCount() + " partition(s) on the target, " + s.partitionCount()
                            + " on the source: keys would land in other partitions and offsets would not map;"
                            + " give the target the same count"));
        }
        String sPolicy = value(s, "cleanup.policy");
        String tPolicy = value(t, "cleanup.policy");
        if (!normalisePolicy(sPolicy).equals(normalisePolicy(tPolicy))) {
            findings.add(Finding.of(
                    "TOPIC-003",
                    Severity.ERROR,
                    subject,
                    "cleanup.policy is " + tPolicy + " on the target, " + sPolicy + " on the source: consumers would"
                            + " read a different log; make them equal"));
        }
        maxMessageBytes(
                s.name(),
                number(s, "max.message.bytes"),
                number(t, "max.message.bytes"),
                samples.of(s.name()),
                samples.whyMissing(s.name()),
                findings);
        for (String key : List.of("retention.ms", "retention.bytes")) {
            long sv = number(s, key);
            long tv = number(t, key);
            if (shorter(tv, sv)) {
                findings.add(Finding.of(
                        "TOPIC-005",
                        Severity.WARNING,
                        subject,
                        key + " is " + tv + " on the target, " + sv + " on the source (-1: unlimited): the target"
                                + " keeps less, so a consumer or a rollback could not re-read what the source still"
                                + " has; raise it or record why less is fine"));
            }
        }
        String tType = value(t, "message.timestamp.type");
        if (!tType.equals("CreateTime")) {
            findings.add(Finding.of(
                    "TOPIC-006",
                    Severity.ERROR,
                    subject,
                    "message.timestamp.type is " + tType + " on the target: records would get the copy time instead"
                            + " of their source timestamps; set CreateTime"));
        }
        long before = number(t, "message.timestamp.before.max.ms");
        long sRetention = number(s, "retention.ms");
        long sBefore = number(s, "message.timestamp.before.max.ms");
        long oldest = sRetention < 0 ? sBefore : Math.min(sRetention, sBefore);
        if (before < oldest) {
            findings.add(Finding.of(
                    "TOPIC-007",
                    Severity.ERROR,
                    subject,
                    "message.timestamp.before.max.ms is " + before + " on the target, but the source may hold"
                            + " records up to " + (oldest == Long.MAX_VALUE ? "any age" : oldest + " ms old")
                            + ": copying them would be rejected; raise it to at least " + oldest));
        }
        long after = number(t, "message.timestamp.after.max.ms");
        long sAfter = number(s, "message.timestamp.after.max.ms");
        if (after < sAfter) {
            findings.add(Finding.of(
                    "TOPIC-007",
                    Severity.WARNING,
                    subject,
                    "message.timestamp.after.max.ms is " + after + " on the target, " + sAfter + " on the source:"
                            + " records with timestamps further in the future than " + after
                            + " ms would be rejected; raise it or confirm producers' clocks"));
        }
        if (normalisePolicy(sPolicy).contains("compact")) {
            for (String key : List.of("delete.retention.ms", "min.compaction.lag.ms")) {
                long sv = number(s, key);
                long tv = number(t, key);
                if (tv < sv) {
                    findings.add(Finding.of(
                            "TOPIC-008",
                            Severity.WARNING,
                            subject,
                            key + " is " + tv + " on the target, " + sv + " on the source: the compacted topic"
                                    + (key.startsWith("delete")
                                            ? " drops tombstones sooner, so a slow consumer may miss deletes"
                                            : " compacts sooner, so consumers may miss intermediate values")
                                    + "; make it at least " + sv));
                }
            }
        }
    }

    /**
     * {@code TOPIC-004} (error) when the target's limit is below the largest record seen, {@code TOPIC-011} (warning)
     * when it holds every record seen but is below the source's limit; without a complete sample {@code TOPIC-012}
     * (info) says why, and {@code TOPIC-004} compares the limits instead.
     */
    static void maxMessageBytes(
            String topic,
            long sMax,
            long tMax,
            Optional<TopicSample> sample,
            String whyMissing,
            List<Finding> findings) {
        String subject = "topic " + topic;
        Optional<TopicSample.Largest> largest = sample.flatMap(TopicSample::largest);
        if (largest.isPresent() && largest.get().bytes() > tMax) {
            TopicSample.Largest l = largest.get();
            findings.add(Finding.of(
                    "TOPIC-004",
                    Severity.ERROR,
                    subject,
                    "max.message.bytes is " + tMax + " on the target, smaller than the largest record seen on the"
                            + " source: " + l.bytes() + " bytes at " + topic + "-" + l.partition() + " offset "
                            + l.offset() + " (alone in an uncompressed batch; "
                            + sample.get().describe()
                            + "): the target would reject it; raise max.message.bytes on the target to at least "
                            + Math.max(l.bytes(), sMax) + (sMax > l.bytes() ? ", the source's limit" : "")));
            if (sample.get().complete()) {
                return;
            }
        }
        if (sample.isPresent() && sample.get().complete()) {
            if (tMax < sMax) {
                TopicSample s = sample.get();
                findings.add(Finding.of(
                        "TOPIC-011",
                        Severity.WARNING,
                        subject,
                        "max.message.bytes is " + tMax + " on the target: "
                                + largest.map(l -> "the largest record seen on the source, " + l.bytes()
                                                + " bytes at " + topic + "-" + l.partition() + " offset " + l.offset()
                                                + ", fits")
                                        .orElse("no record was seen on the source")
                                + " (" + s.describe() + "), but the source accepts up to " + sMax
                                + ", so larger records could still arrive and the target would reject them; raise it"
                                + " to " + sMax + ", or record why records stay smaller"));
            }
            return;
        }
        findings.add(Finding.of(
                "TOPIC-012",
                Severity.INFO,
                subject,
                (sample.isPresent()
                                ? "the sample of record sizes is incomplete: "
                                        + sample.get().incomplete().orElse("") + " ("
                                        + sample.get().describe() + ")"
                                : "no sample of record sizes: " + whyMissing)
                        + "; max.message.bytes is compared with the source's limit instead"));
        if (tMax < sMax && (largest.isEmpty() || largest.get().bytes() <= tMax)) {
            findings.add(Finding.of(
                    "TOPIC-004",
                    Severity.ERROR,
                    subject,
                    "max.message.bytes is " + tMax + " on the target, smaller than the " + sMax
                            + " the source accepts (the largest record it may hold): the target would reject"
                            + " those records; raise it to at least " + sMax));
        }
    }

    static String value(Topic t, String key) {
        return t.config(key).filter(v -> !v.isBlank()).orElse(DEFAULTS.get(key));
    }

    static long number(Topic t, String key) {
        String v = value(t, key);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return Long.parseLong(DEFAULTS.get(key));
        }
    }

    /** Whether {@code target} keeps less than {@code source}; {@code -1} (or any negative) is unlimited. */
    static boolean shorter(long target, long source) {
        if (target < 0) {
            return false;
        }
        return source < 0 || target < source;
    }

    private static String normalisePolicy(String policy) {
        return String.join(
                ",",
                java.util.Arrays.stream(policy.split(","))
                        .map(String::trim)
                        .sorted()
                        .toList());
    }
}
