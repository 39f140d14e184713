package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.link.lifecycle.LinkDrain;
import dev.cutover.link.state.LinkState;
import dev.cutover.orchestrator.journal.Who;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * A wave's requests to a link through its state ({@link LinkDrain}): drains and resumes, asked as the operator running
 * the wave, waited for up to the wave's timeout, with progress on the wave's output.
 */
final class LinkRequests {
    private final WaveContext wave;
    private final String workload;

    LinkRequests(WaveContext wave, String workload) {
        this.wave = wave;
        this.workload = workload;
    }

    /**
     * Asks {@code link}, whose state is on {@code cluster}, to drain {@code topics} (turning them around when {@code
     * reverse}).
     */
    LinkDrain.Outcome drain(ConnectionProfile cluster, String link, String id, Set<String> topics, boolean reverse) {
        return LinkDrain.drain(
                cluster,
                link,
                id,
                topics,
                reverse,
                user(),
                Who.host(),
                wave.options().coverageTimeout(),
                Clock.systemUTC(),
                this::progress);
    }

    /** Asks {@code link} to take released partitions on again from the given source offsets. */
    LinkDrain.Outcome resume(ConnectionProfile cluster, String link, String id, List<LinkState.End> from) {
        return LinkDrain.resume(
                cluster,
                link,
                id,
                from,
                user(),
                Who.host(),
                wave.options().coverageTimeout(),
                Clock.systemUTC(),
                this::progress);
    }

    /**
     * The answer, or the failure a rollback reports when the link is not running or did not answer (a move waits for
     * a link that is not running instead: see {@link ProducerMove}).
     */
    LinkDrain.Outcome answered(LinkDrain.Outcome outcome, String link) {
        if (outcome instanceof LinkDrain.Outcome.NotRunning) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "link '" + link + "' is not running, and the rollback needs it",
                    "start it (`cutover link run --link " + wave.clusters().link() + "`), then `cutover wave rollback`"
                            + " again");
        }
        if (outcome instanceof LinkDrain.Outcome.NoAnswer) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "link '" + link + "' did not answer within "
                            + wave.options().coverageTimeout().toSeconds() + " s",
                    "see its status; `cutover wave rollback` asks again");
        }
        return outcome;
    }

    /** Where a request's answer lists partitions' ends: {@code topic-partition SIDE a ↔ OTHER b}, comma-separated. */
    static String ends(List<LinkState.End> ends, String sourceSide, String targetSide) {
        return String.join(
                ", ",
                ends.stream()
                        .map(e -> e.topic() + "-" + e.partition() + " " + sourceSide + " " + e.sourceEnd() + " ↔ "
                                + targetSide + " " + e.targetEnd())
                        .toList());
    }

    private static String user() {
        return System.getProperty("user.name", "unknown");
    }

    private void progress(String line) {
        wave.progress().accept("[" + wave.name() + "] " + workload + ": " + line);
    }
}
