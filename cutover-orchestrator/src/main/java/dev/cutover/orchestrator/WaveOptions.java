package dev.cutover.orchestrator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a wave run behaves.
 *
 * @param link the link whose offset map translates the groups (empty: cutover.yaml's default link)
 * @param force why the readiness gate is overridden (journaled); empty refuses a wave that is not ready
 * @param stopTimeout how long a stopped client's group may take to empty
 * @param coverageTimeout how long to wait for the link to cover a group's committed offsets
 * @param startTimeout how long a started client may take to join its group
 * @param observe how long a moved workload is watched before it is confirmed
 * @param dualWriteWindow over how long a dual-write wave's two sides must agree (the records of that time before the
 *     run, compared by content) before anything moves
 * @param dualWriteSettle how far apart in time the two writes of one record may be: the window ends that long before
 *     the run, and a record's counterpart is looked for that far beyond the window's edges
 */
public record WaveOptions(
        Optional<String> link,
        Optional<String> force,
        Duration stopTimeout,
        Duration coverageTimeout,
        Duration startTimeout,
        Duration observe,
        Duration dualWriteWindow,
        Duration dualWriteSettle) {
    public WaveOptions {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(force, "force");
        if (force.isPresent() && force.get().isBlank()) {
            throw new IllegalArgumentException("--force needs a reason");
        }
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(coverageTimeout, "coverageTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(observe, "observe");
        Objects.requireNonNull(dualWriteWindow, "dualWriteWindow");
        Objects.requireNonNull(dualWriteSettle, "dualWriteSettle");
    }

    public static WaveOptions defaults() {
        return new WaveOptions(
                Optional.empty(),
                Optional.empty(),
                Duration.ofMinutes(2),
                Duration.ofMinutes(2),
                Duration.ofMinutes(2),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10));
    }

    public WaveOptions withForce(Optional<String> reason) {
        return new WaveOptions(
                link, reason, stopTimeout, coverageTimeout, startTimeout, observe, dualWriteWindow, dualWriteSettle);
    }

    public WaveOptions withLink(Optional<String> name) {
        return new WaveOptions(
                name, force, stopTimeout, coverageTimeout, startTimeout, observe, dualWriteWindow, dualWriteSettle);
    }

    public WaveOptions withObserve(Duration window) {
        return new WaveOptions(
                link, force, stopTimeout, coverageTimeout, startTimeout, window, dualWriteWindow, dualWriteSettle);
    }

    public WaveOptions withTimeouts(Duration stop, Duration coverage, Duration start) {
        return new WaveOptions(link, force, stop, coverage, start, observe, dualWriteWindow, dualWriteSettle);
    }

    public WaveOptions withDualWrite(Duration window, Duration settle) {
        return new WaveOptions(link, force, stopTimeout, coverageTimeout, startTimeout, observe, window, settle);
    }
}
