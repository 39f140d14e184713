package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.inventory.connect.ConnectRest;
import dev.cutover.inventory.connect.Connector;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.WaveClusters.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps a Kafka Connect move adds to a processor's, through the workers' REST API ({@code connect:} of the side's
 * profile): before the workers stop, their running connectors are paused (the pause is recorded in the workers' config
 * topic, which moves with them) and each connector and task is seen paused; once the workers run on the other cluster,
 * the connectors this move paused — and only those — are resumed and seen running there.
 */
final class ConnectSteps {
    private final WaveContext wave;
    private final WorkloadMove move;

    ConnectSteps(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
    }

    private ConnectRest rest(Side side) {
        ConnectionProfile profile = wave.clusters().profile(side);
        String url = profile.connectUrl()
                .orElseThrow(() -> new CutoverException(
                        Reason.CONFIG_INVALID,
                        "the " + side.profileName() + " profile has no connect: URL",
                        "add the workers' REST URL as connect: to the profile in cutover.yaml"));
        return new ConnectRest(url, profile.timeout());
    }

    /**
     * Pauses the running connectors of the workers on {@code side} and waits until they and their tasks are. Which
     * connectors it pauses is written to a file before the first pause request ({@link #pausing}), so that a run of the
     * step again after a crash — which finds them paused already — still resumes them later, and only them.
     */
    Done pause(Side side, String step) {
        ConnectRest rest = rest(side);
        Map<String, Connector> connectors = rest.connectors();
        Map<String, String> figures = new LinkedHashMap<>();
        List<String> unmatched = connectors.values().stream()
                .filter(Connector::sink)
                .filter(c -> !move.groups().contains(c.sinkGroup()))
                .map(c -> c.name() + " (group " + c.sinkGroup() + ")")
                .toList();
        if (side == Side.SOURCE && !unmatched.isEmpty()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "sink connector(s) " + String.join(", ", unmatched) + " of " + move.name() + " read as groups"
                            + " the wave does not move (its groups: " + move.groups() + "): their positions would not"
                            + " follow them",
                    "add those groups to match.groupId of " + move.name() + " in workloads.yaml (e.g. connect-*),"
                            + " then `cutover wave run` again");
        }
        Path record = pausing(step);
        Set<String> pausing = new TreeSet<>(read(record));
        Set<String> idle = new TreeSet<>();
        for (Connector c : connectors.values()) {
            if (pausing.contains(c.name())) {
                continue;
            }
            if (c.state().equals("PAUSED") || c.state().equals("STOPPED")) {
                idle.add(c.name());
            } else {
                pausing.add(c.name());
            }
        }
        AtomicFiles.write(record, String.join("\n", pausing) + "\n");
        for (String name : pausing) {
            rest.pause(name, wave.options().stopTimeout());
        }
        Map<String, Connector> now = rest.await(
                pausing, c -> c.all("PAUSED"), "paused", wave.options().stopTimeout(), line -> wave.progress()
                        .accept("[" + wave.name() + "] " + move.name() + ": " + line));
        figures.put("paused", String.join(",", pausing));
        figures.put("leftAsTheyWere", String.join(",", idle));
        connectors.values().stream()
                .filter(Connector::sink)
                .forEach(c -> figures.put("sinkGroup." + c.name(), c.sinkGroup()));
        return Done.of(
                (pausing.isEmpty()
                                ? "no running connector to pause"
                                : "paused "
                                        + pausing.stream()
                                                .map(n -> now.get(n).describe())
                                                .toList())
                        + (idle.isEmpty() ? "" : "; left as they were (paused or stopped by their owners): " + idle)
                        + " on the Connect workers at " + rest.shown(),
                figures);
    }

    /** The file recording which connectors {@code step} of this attempt pauses. */
    private Path pausing(String step) {
        return wave.switchState(move.name())
                .resolve("connectors-paused-" + wave.steps().attempt().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + step
                        + ".txt");
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(l -> !l.isBlank())
                            .toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resumes, on {@code side}, the connectors that {@code pauseStep} paused, and waits until they run there. */
    Done resume(Side side, String pauseStep) {
        String paused = wave.steps()
                .figures(Optional.of(move.name()), pauseStep)
                .map(f -> f.getOrDefault("paused", ""))
                .orElse("");
        Set<String> names = new TreeSet<>(paused.isEmpty() ? List.of() : Arrays.asList(paused.split(",")));
        ConnectRest rest = rest(side);
        // the workers read their config topic (the pause in it) before they list the connectors
        rest.await(
                names,
                c -> c.all("PAUSED") || c.running(),
                "listed (paused) by the workers on the " + side.profileName(),
                wave.options().startTimeout(),
                line -> wave.progress().accept("[" + wave.name() + "] " + move.name() + ": " + line));
        for (String name : names) {
            rest.resume(name, wave.options().startTimeout());
        }
        Map<String, Connector> now =
                rest.await(names, Connector::running, "running", wave.options().startTimeout(), line -> wave.progress()
                        .accept("[" + wave.name() + "] " + move.name() + ": " + line));
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("resumed", String.join(",", names));
        return Done.of(
                (names.isEmpty()
                                ? "no connector to resume (none was running before the move)"
                                : "resumed "
                                        + names.stream()
                                                .map(n -> now.get(n).describe())
                                                .toList())
                        + " on the Connect workers at " + rest.shown() + " (" + side.profileName() + ")",
                figures);
    }
}
