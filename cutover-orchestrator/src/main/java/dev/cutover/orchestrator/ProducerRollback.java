package dev.cutover.orchestrator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.lifecycle.LinkDrain;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.PartitionState;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.WaveClusters.Side;
import dev.cutover.orchestrator.switching.Switcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A producer's way back, as journaled steps: stop it on the target; wait until its topics are quiet there; have the
 * reverse copy drain them to the target's end and release them (so the source holds every record the producer wrote on
 * the target), and end the turn-around; have the forward copy take them on again from exactly the source's end then
 * (what the reverse copy wrote is never copied forward again); start the producer on the source. A move that never
 * released the topics from the forward copy just starts the producer on the source again.
 *
 * <p>It needs the target: what the producer wrote there can only be copied back from it. With the target down the
 * rollback stops at its first step that needs it, saying so; `wave rollback` continues once the target answers.
 */
final class ProducerRollback {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WaveContext wave;
    private final WorkloadMove move;
    private final Optional<String> subject;
    private final LinkRequests requests;

    ProducerRollback(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
        this.subject = Optional.of(move.name());
        this.requests = new LinkRequests(wave, move.name());
    }

    void run() {
        StepRunner steps = wave.steps();
        Switcher switcher = wave.switcher(move.workload());
        boolean onTarget = began(Steps.START_TARGET);
        if (onTarget) {
            steps.run(
                    subject,
                    Steps.ROLLBACK_STOP_TARGET,
                    resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.TARGET, false, resumed));
        }
        if (began(WriteAuthority.releaseStep(move))) {
            steps.run(subject, Steps.ROLLBACK_AWAIT_QUIET_TARGET, resumed -> awaitQuietTarget());
            steps.run(subject, Steps.ROLLBACK_DRAIN_REVERSE, resumed -> drainReverse());
            steps.run(subject, Steps.ROLLBACK_RESUME_FORWARD, resumed -> resumeForward());
        }
        steps.run(
                subject,
                Steps.ROLLBACK_START_SOURCE,
                resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.SOURCE, true, resumed));
        steps.run(
                subject,
                Steps.ROLLBACK_CONFIRM,
                resumed -> ProducerMove.confirmed(
                        wave,
                        move,
                        onTarget ? Steps.ROLLBACK_STOP_TARGET : Steps.ROLLBACK_START_SOURCE,
                        Steps.ROLLBACK_START_SOURCE,
                        "source"));
    }

    private Set<String> topics() {
        return new TreeSet<>(move.written());
    }

    private String id(String what) {
        return wave.steps().attempt() + "/" + move.name() + what;
    }

    private ClusterConnection target(String cannot) {
        try {
            return wave.clusters().target();
        } catch (CutoverException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "the target does not answer (" + e.getMessage() + "): " + cannot,
                    "run `cutover wave rollback` again once the target answers; until then "
                            + move.name() + " stays stopped (starting it on the source by hand loses, for the source's"
                            + " readers, what it wrote on the target and the reverse copy had not copied back)");
        }
    }

    Done awaitQuietTarget() throws Exception {
        ClusterConnection target = target("what " + move.name() + " wrote there cannot be copied back yet");
        Map<String, Long> ends =
                TopicEnds.awaitStable(target, topics(), wave.options().stopTimeout(), line -> wave.progress()
                        .accept("[" + wave.name() + "] " + move.name() + ": " + line));
        Map<String, String> figures = new LinkedHashMap<>();
        ends.forEach((tp, end) -> figures.put("end." + tp, Long.toString(end)));
        return Done.of("no open transaction on " + topics() + " on the target; ends " + ends, figures);
    }

    /** The forward copy's answer to the move's drain (asked again, by the same id, if the move stopped before it). */
    private Optional<List<LinkState.End>> forwardDrain(boolean reverse) {
        String link = wave.clusters().link();
        LinkDrain.Outcome outcome = requests.answered(
                requests.drain(
                        wave.clusters().targetProfile(),
                        link,
                        wave.steps().attempt() + "/" + move.name(),
                        topics(),
                        reverse),
                link);
        return outcome instanceof LinkDrain.Outcome.Drained d ? Optional.of(d.ends()) : Optional.empty();
    }

    /** Copies back everything the producer wrote on the target, then releases its topics from the reverse copy. */
    Done drainReverse() throws Exception {
        target("what " + move.name() + " wrote there cannot be copied back");
        String link = wave.clusters().link();
        LinkState.Snapshot forward = LinkDrain.read(wave.clusters().targetProfile(), LinkTopics.named(link));
        if (move.dualWrite() && !began(Steps.START_TARGET)) {
            // it never wrote on the target alone: nothing to copy back; the retirement's turn-around (if it was
            // recorded) ends
            LinkDrain.endTurnAround(wave.clusters().targetProfile(), link, topics());
            return Done.of(
                    move.name() + " never wrote on the target alone: nothing to copy back; the turn-around ended",
                    Map.of("released", "false"));
        }
        if (move.dualWrite()) {
            return drainReverseOf(link);
        }
        // The move's drain, answered (asked again when the move stopped before its answer: a drain answered after the
        // rollback would release the topics behind its back)
        Optional<List<LinkState.End>> drained = forwardDrain(true);
        if (drained.isEmpty()) {
            return Done.of(
                    "the forward copy never released " + topics() + ": nothing was written on the target to copy back",
                    Map.of("released", "false"));
        }
        if (!forward.reversals().keySet().containsAll(topics())) {
            // an endpoint switch: no reverse copy ran; turn the topics around at the release point now, so that
            // everything the producer wrote on the target reaches the source
            LinkDrain.Outcome again = requests.answered(
                    requests.drain(wave.clusters().targetProfile(), link, id("/copy-back"), topics(), true), link);
            if (again instanceof LinkDrain.Outcome.Refused r) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "link '" + link + "' could not copy " + topics() + " back: " + r.why(),
                        null);
            }
        }
        return drainReverseOf(link);
    }

    private Done drainReverseOf(String link) throws Exception {
        String reverse = LinkSettings.reverseName(link);
        LinkDrain.Outcome outcome = requests.answered(
                requests.drain(wave.clusters().sourceProfile(), reverse, id("/reverse-drain"), topics(), false),
                reverse);
        if (outcome instanceof LinkDrain.Outcome.Refused r) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "the reverse copy " + reverse + " could not drain " + topics() + ": " + r.why(),
                    "fix the cause, then `cutover wave rollback` again");
        }
        List<LinkState.End> ends = ((LinkDrain.Outcome.Drained) outcome).ends();
        LinkDrain.endTurnAround(wave.clusters().targetProfile(), link, topics());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("released", "true");
        figures.put("ends", JSON.writeValueAsString(ends));
        return Done.of(
                "everything written on the target is on the source: the reverse copy drained at "
                        + LinkRequests.ends(ends, "target", "source") + " and released them; the turn-around ended",
                figures);
    }

    /** The forward copy takes the topics on again from the source's end after the reverse copy's last record. */
    Done resumeForward() throws Exception {
        Map<String, String> drained = wave.steps()
                .figures(subject, Steps.ROLLBACK_DRAIN_REVERSE)
                .orElseThrow(() -> new IllegalStateException("no reverse drain journaled for " + move.name()));
        if (move.dualWrite()) {
            return Done.of("link '" + wave.clusters().link() + "' does not copy " + topics()
                    + " (dual-write): started on" + " the source, " + move.name() + " writes both clusters again");
        }
        if (!Boolean.parseBoolean(drained.get("released"))) {
            return Done.of("the forward copy still copies " + topics() + ": nothing to resume");
        }
        List<LinkState.End> reverseEnds =
                JSON.readValue(drained.get("ends"), new TypeReference<List<LinkState.End>>() {});
        // the reverse copy's ends are (target offset, source offset): the forward copy resumes at the source one
        List<LinkState.End> from = reverseEnds.stream()
                .map(e -> new LinkState.End(e.topic(), e.partition(), e.targetEnd(), -1))
                .toList();
        String link = wave.clusters().link();
        LinkDrain.Outcome outcome =
                requests.answered(requests.resume(wave.clusters().targetProfile(), link, id("/resume"), from), link);
        if (outcome instanceof LinkDrain.Outcome.Refused r) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "link '" + link + "' could not resume " + topics() + ": " + r.why(),
                    "fix the cause, then `cutover wave rollback` again");
        }
        List<LinkState.End> ends = ((LinkDrain.Outcome.Drained) outcome).ends();
        LinkState.Snapshot state = LinkDrain.read(wave.clusters().targetProfile(), LinkTopics.named(link));
        List<String> stillReleased = state.partitions().entrySet().stream()
                .filter(e ->
                        topics().contains(e.getKey().topic()) && e.getValue().state() == PartitionState.RELEASED)
                .map(e -> e.getKey().toString())
                .toList();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("ends", JSON.writeValueAsString(ends));
        return Done.of(
                "the forward copy copies " + topics() + " again from " + LinkRequests.ends(ends, "source", "target")
                        + (stillReleased.isEmpty()
                                ? ""
                                : " (its state shows " + stillReleased + " released until its" + " next checkpoint)"),
                figures);
    }

    private boolean began(String step) {
        return wave.steps().began(subject, step).isPresent();
    }
}
