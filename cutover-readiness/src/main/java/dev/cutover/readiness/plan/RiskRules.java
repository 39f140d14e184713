package dev.cutover.readiness.plan;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.inventory.workloads.Liveness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload's risk class: every rule that applies adds a reason at its level, and the highest level wins. Reasons
 * come highest first, in rule order. Rules (documented in {@code docs/plan.md}, "Risk rules"):
 *
 * <ol>
 *   <li>unowned discovered client → high
 *   <li>duplicateTolerance none with side effects → high
 *   <li>duplicateTolerance none and transactional → high
 *   <li>Kafka Streams with state and duplicateTolerance none → high
 *   <li>not seen, and nothing of it on the cluster → high; not seen but its group has committed offsets → medium
 *   <li>duplicateTolerance none (otherwise) → medium
 *   <li>transactional (otherwise) → medium
 *   <li>Kafka Streams with state → medium
 *   <li>Kafka Connect → medium
 *   <li>idempotent-downstream with side effects → medium
 *   <li>owned but no rollback owner → medium
 *   <li>low otherwise, with the reason that keeps it low (replay-ok, idempotent-downstream, no side effects)
 * </ol>
 *
 * Not observable through the Admin API adds an informational reason at low.
 */
final class RiskRules {
    private RiskRules() {}

    static Map<String, Risk> assess(DependencyGraph graph) {
        Map<String, Risk> risks = new TreeMap<>();
        graph.nodes().forEach(n -> risks.put(n.name(), assess(n)));
        return risks;
    }

    static Risk assess(DependencyGraph.Node n) {
        List<Reason> reasons = new ArrayList<>();
        boolean none = n.tolerance() == DuplicateTolerance.NONE;
        boolean stateful = n.streams() && !n.stateTopics().isEmpty();
        if (!n.owned()) {
            reasons.add(high("no workload in workloads.yaml claims it: nobody can attest it is ready or decide a"
                    + " rollback"));
        }
        if (n.owned() && none && n.sideEffects().isPresent()) {
            reasons.add(high("duplicateTolerance none with side effects ("
                    + n.sideEffects().get() + "): a record processed twice, or skipped, repeats or misses them"));
        }
        if (n.owned() && none && n.transactional()) {
            reasons.add(high("duplicateTolerance none and transactional (" + String.join(", ", n.transactionalIds())
                    + "): exactly-once must hold across the move (fencing, open transactions, offsets in the"
                    + " transaction)"));
        }
        if (n.owned() && none && stateful) {
            reasons.add(high("Kafka Streams with state (" + String.join(", ", n.stateTopics())
                    + ") and duplicateTolerance none: state rebuilt on the target re-emits results"));
        }
        if (n.liveness() == Liveness.NOT_SEEN) {
            if (n.committedOffsets()) {
                reasons.add(medium("not running at scan time, but its group has committed offsets (a periodic job?):"
                        + " its move must fit between runs"));
            } else {
                reasons.add(high("not seen on the cluster and nothing of it is there (no group offsets, no"
                        + " transactional id): its behaviour on the source is unverified"));
            }
        }
        if (n.owned() && none && n.sideEffects().isEmpty() && !n.transactional()) {
            reasons.add(medium("duplicateTolerance none: a duplicate does harm, so its position must move exactly"));
        }
        if (n.transactional() && !none) {
            reasons.add(medium("transactional (" + String.join(", ", n.transactionalIds())
                    + "): producers must be fenced and open transactions finished at the move"));
        }
        if (stateful && !none) {
            reasons.add(medium("Kafka Streams with state (" + String.join(", ", n.stateTopics())
                    + "): the state is restored from the changelog on the target or rebuilt"));
        }
        if (n.connect()) {
            reasons.add(medium("Kafka Connect: connector offsets and sink side effects move with the workers"));
        }
        if (n.tolerance() == DuplicateTolerance.IDEMPOTENT_DOWNSTREAM
                && n.sideEffects().isPresent()) {
            reasons.add(medium("side effects (" + n.sideEffects().get()
                    + ") absorb duplicates, but a skipped record is still lost: its offsets must be translated, not"
                    + " reset to the end"));
        }
        if (n.owned() && n.rollbackOwner().isEmpty()) {
            reasons.add(medium("no rollbackOwner in workloads.yaml: nobody is named to decide a rollback"));
        }
        if (n.liveness() == Liveness.NOT_OBSERVABLE) {
            reasons.add(low("not observable through the Admin API (matched by client id or principal only): that it"
                    + " runs is assumed, not seen"));
        }
        if (n.streams() && n.stateTopics().isEmpty()) {
            reasons.add(low("Kafka Streams without a state topic on the cluster: stateless, or state kept elsewhere"));
        }
        if (reasons.stream().noneMatch(r -> r.level() != RiskClass.LOW)) {
            reasons.add(low(lowReason(n)));
        }
        reasons.sort(Comparator.comparing(Reason::level).reversed());
        RiskClass level = reasons.get(0).level();
        return new Risk(level, reasons.stream().map(Reason::text).toList());
    }

    private static String lowReason(DependencyGraph.Node n) {
        String tolerance = "duplicateTolerance " + n.tolerance().yamlName();
        if (n.tolerance() == DuplicateTolerance.REPLAY_OK && !n.writer()) {
            return "stateless consumer with " + tolerance + ": it may re-read, so even a reset is acceptable";
        }
        if (n.tolerance() == DuplicateTolerance.REPLAY_OK) {
            return tolerance + " and no side effects: a replay does no harm";
        }
        return tolerance + " and no side effects: duplicates are harmless downstream";
    }

    private record Reason(RiskClass level, String text) {}

    private static Reason high(String text) {
        return new Reason(RiskClass.HIGH, text);
    }

    private static Reason medium(String text) {
        return new Reason(RiskClass.MEDIUM, text);
    }

    private static Reason low(String text) {
        return new Reason(RiskClass.LOW, text);
    }
}
