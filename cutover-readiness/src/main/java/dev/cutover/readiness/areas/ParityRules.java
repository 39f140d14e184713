package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.readiness.evidence.Freshness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data parity, part of the topics area: what {@code cutover verify} showed about each of the workload's topics that
 * exist on both clusters, from the newest usable verify record about that topic ({@link WorkloadContext#verifyOf}).
 *
 * <ul>
 *   <li>{@code TOPIC-013} (error): that record found records missing, differing or extra on the target, for any
 *       workload of the topic.
 *   <li>{@code TOPIC-014} (warning): for a workload that reads the topic (consumer, Streams, Connect, or a group),
 *       parity is not shown: no such record, or a failed one that verified no partition. A workload that only
 *       produces writes to the target and reads nothing there, so it does not need one. (Info: a passing record
 *       that left partitions unverified, which verify does for empty partitions too: it shows the others.)
 * </ul>
 *
 * A passing record that verified every partition is evidence of the area.
 */
final class ParityRules {
    private static final List<String> COUNTS = List.of("missing", "differing", "extra");

    private ParityRules() {}

    static void evaluate(WorkloadContext c, List<Finding> findings, List<String> evidence) {
        Collection<String> read = c.consumes() ? (c.readTopics().isEmpty() ? c.topics() : c.readTopics()) : List.of();
        for (String topic : c.topics()) {
            if (c.input().source().cluster().topic(topic).isEmpty()
                    || c.input().target().topic(topic).isEmpty()) {
                continue;
            }
            Optional<Freshness.Assessed> newest = c.verifyOf(topic);
            Optional<String> notShown;
            if (newest.isEmpty()) {
                notShown = Optional.of("no usable `cutover verify` record names it");
            } else {
                Freshness.Assessed v = newest.get();
                Map<String, String> d = v.evidence().details();
                long differences = COUNTS.stream().mapToLong(k -> count(d, k)).sum();
                long skipped = count(d, "partitionsNotVerified");
                if (!v.evidence().passed() && (differences > 0 || skipped == 0)) {
                    findings.add(new Finding(
                            "TOPIC-013",
                            Severity.ERROR,
                            "topic " + topic,
                            mismatch(topic, d, differences),
                            List.of(v.stored().path())));
                    continue;
                }
                if (!v.evidence().passed()) {
                    notShown = Optional.of("the newest `cutover verify` record ("
                            + v.stored().path() + ") verified none of its partitions (" + skipped + " not verified)");
                } else {
                    notShown = Optional.empty();
                    if (!evidence.contains(v.stored().path())) {
                        evidence.add(v.stored().path());
                    }
                    if (skipped > 0 && read.contains(topic)) {
                        findings.add(new Finding(
                                "TOPIC-014",
                                Severity.INFO,
                                "topic " + topic,
                                "`cutover verify` compared " + topic + " without differences but left " + skipped
                                        + " partition(s) unverified: empty ones, or ones the link had copied"
                                        + " nothing of yet (its evidence says why per partition only in verify's"
                                        + " own report); parity is shown for the others",
                                List.of(v.stored().path())));
                    }
                }
            }
            if (notShown.isPresent() && read.contains(topic)) {
                findings.add(Finding.of(
                        "TOPIC-014",
                        Severity.WARNING,
                        "topic " + topic,
                        "record-level parity of " + topic + " is not shown: " + notShown.get() + "; "
                                + c.name() + " reads it, so run `cutover verify` (its `--topics` selects the topic)"
                                + " and let it compare every partition"));
            }
        }
    }

    /** {@code payments: 3 missing, 1 differing of 120 compared; first: partition 0: missing at source 12 / ...}. */
    private static String mismatch(String topic, Map<String, String> d, long differences) {
        List<String> parts = new ArrayList<>();
        for (String k : COUNTS) {
            long n = count(d, k);
            if (n > 0) {
                parts.add(n + " " + k);
            }
        }
        String counts = differences > 0
                ? String.join(", ", parts) + (d.containsKey("compared") ? " of " + d.get("compared") + " compared" : "")
                : "verify failed"
                        + Optional.ofNullable(d.get("note")).map(n -> ": " + n).orElse("");
        String first = Optional.ofNullable(d.get("firstMismatch"))
                .map(m -> "; first: " + m)
                .orElse("");
        return topic + ": " + counts + first + " (`cutover verify`"
                + Optional.ofNullable(d.get("link")).map(l -> ", link " + l).orElse("")
                + "): the target does not hold what the source holds, and readers there would read"
                + " something else; find why (the link's status, writes to the target) and verify again";
    }

    /** A count detail; absent or not a number is 0. */
    private static long count(Map<String, String> d, String key) {
        try {
            return Math.max(0, Long.parseLong(d.getOrDefault(key, "0").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
