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
 */
public record WaveOptions(
        Optional<String> link,
        Optional<String> force,
        Duration stopTimeout,
        Duration coverageTimeout,
        Duration startTimeout,
        Duration observe) {
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
    }

    public static WaveOptions defaults() {
        return new WaveOptions(
                Optional.empty(),
                Optional.empty(),
                Duration.ofMinutes(2),
                Duration.ofMinutes(2),
                Duration.ofMinutes(2),
                Duration.ofSeconds(10));
    }

    public WaveOptions withForce(Optional<String> reason) {
        return new WaveOptions(link, reason, stopTimeout, coverageTimeout, startTimeout, observe);
    }

    public WaveOptions withLink(Optional<String> name) {
        return new WaveOptions(name, force, stopTimeout, coverageTimeout, startTimeout, observe);
    }

    public WaveOptions withObserve(Duration window) {
        return new WaveOptions(link, force, stopTimeout, coverageTimeout, startTimeout, window);
    }

    public WaveOptions withTimeouts(Duration stop, Duration coverage, Duration start) {
        return new WaveOptions(link, force, stop, coverage, start, observe);
    }
}
