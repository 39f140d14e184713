package dev.cutover.server;

import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wave metrics read from the workspace's journal — the durable record every wave step writes before and after it runs —
 * so that a running {@code wave run} and {@code cutover serve} show the same thing, and a crashed run's last state stays
 * visible. Read again every {@link #REFRESH} when the file changed; a scrape only reads what the last read found.
 *
 * <p>Per step (labels wave, workload — {@code -} for a step of the whole wave —, step): its state and duration. Per wave:
 * steps waiting for an operator, stray clients blocking a confirmation. Per workload moved: the pause of its last move,
 * records replayed and skipped, partitions translated per group and refused group syncs by reason. The names are in
 * {@code docs/observability.md}.
 */
public final class JournalMeters implements MeterBinder, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalMeters.class);
    static final Duration REFRESH = Duration.ofSeconds(2);
    /** A step's states, one series each (1 for the current state of the step's last journal line). */
    static final List<String> STATES = List.of("running", "done", "waiting", "failed");

    private final Path workspace;
    private final Clock clock;
    private final ScheduledExecutorService reader;
    private volatile MeterRegistry registry;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private long readSize = -1;
    private long readModified = -1;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public JournalMeters(Path workspace) {
        this(workspace, Clock.systemUTC());
    }

    JournalMeters(Path workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
        this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-journal-meters");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void bindTo(MeterRegistry target) {
        registry = target;
        refresh();
        reader.scheduleWithFixedDelay(
                this::refreshQuietly, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the journal again if it changed, and registers meters for steps, waves and workloads seen first now (done
     * every {@link #REFRESH} once bound; call it to read at once).
     */
    public synchronized void refresh() {
        Path file = Journal.fileOf(workspace);
        try {
            long size = Files.exists(file) ? Files.size(file) : 0;
            long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
            if (size == readSize && modified == readModified) {
                return;
            }
            snapshot = Snapshot.of(Journal.open(workspace, clock).entries());
            readSize = size;
            readModified = modified;
        } catch (java.io.IOException e) {
            log.debug("journal {} not read: {}", file, e.toString());
            return;
        }
        MeterRegistry r = registry;
        if (r != null) {
            register(r, snapshot);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // A damaged journal: the meters keep the last good read; `wave status` names the line.
            log.warn("wave metrics keep the journal's last good read: {}", e.getMessage());
        }
    }

    private void register(MeterRegistry r, Snapshot s) {
        for (Step step : s.steps().keySet()) {
            if (!registered.add("step " + step)) {
                continue;
            }
            Tags tags = Tags.of("wave", step.wave(), "workload", step.workload(), "step", step.step());
            for (String state : STATES) {
                Gauge.builder("cutover.wave.step.state", this, m -> m.stepState(step, state))
                        .description("1 for the state of the step's last journal line (running, done, waiting for an"
                                + " operator, failed), 0 for the others")
                        .tags(tags.and("state", state))
                        .register(r);
            }
            Gauge.builder("cutover.wave.step.duration", this, m -> m.stepSeconds(step))
                    .description("How long the step ran (its last run), or has been running so far")
                    .baseUnit("seconds")
                    .tags(tags)
                    .register(r);
        }
        for (String wave : s.waves()) {
            if (!registered.add("wave " + wave)) {
                continue;
            }
            Tags tags = Tags.of("wave", wave);
            Gauge.builder("cutover.wave.steps.waiting", this, m -> m.snapshot.waiting(wave))
                    .description("Steps of the wave waiting for an operator (`cutover wave resume` continues)")
                    .tags(tags)
                    .register(r);
            Gauge.builder("cutover.wave.stray.clients", this, m -> m.snapshot.strays(wave))
                    .description("Stray clients (members, commits or writers left on the cluster a workload left)"
                            + " blocking a confirmation of the wave now")
                    .tags(tags)
                    .register(r);
        }
        s.figures().forEach((key, value) -> {
            if (registered.add("figure " + key)) {
                key.register(r, this);
            }
        });
    }

    double stepState(Step step, String state) {
        JournalEntry e = snapshot.steps().get(step);
        return e != null && state.equals(stateOf(e.phase())) ? 1 : 0;
    }

    double stepSeconds(Step step) {
        JournalEntry e = snapshot.steps().get(step);
        if (e == null) {
            return Double.NaN;
        }
        if (e.phase() == JournalEntry.Phase.BEGIN) {
            return Math.max(
                            0,
                            Duration.between(Instant.parse(e.at()), clock.instant())
                                    .toMillis())
                    / 1000.0;
        }
        return number(e.figures().get("durationMs")).map(ms -> ms / 1000.0).orElse(Double.NaN);
    }

    double figure(Figure key) {
        Double value = snapshot.figures().get(key);
        return value == null ? Double.NaN : value;
    }

    static String stateOf(JournalEntry.Phase phase) {
        return switch (phase) {
            case BEGIN -> "running";
            case END -> "done";
            case WAITING -> "waiting";
            case FAILED -> "failed";
            case NOTE -> "note";
        };
    }

    static Optional<Double> number(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // "n/a (producer)", "unknown (target down)": no sample rather than a made-up 0
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }

    /** A step of a wave, for one workload or ({@code -}) for the whole wave. */
    record Step(String wave, String workload, String step) {}

    /** A number read from a workload's step figures, with the meter it feeds. */
    record Figure(String name, String description, String unit, Tags tags) {
        void register(MeterRegistry r, JournalMeters meters) {
            if (name.endsWith(".syncs")) { // a count that only grows: a counter (_total)
                io.micrometer.core.instrument.FunctionCounter.builder(name, meters, m -> {
                            double v = m.figure(this);
                            return Double.isNaN(v) ? 0 : v;
                        })
                        .description(description)
                        .tags(tags)
                        .register(r);
                return;
            }
            Gauge.Builder<JournalMeters> b = Gauge.builder(name, meters, m -> m.figure(this))
                    .description(description)
                    .tags(tags);
            if (unit != null) {
                b.baseUnit(unit);
            }
            b.register(r);
        }
    }

    /** The figures of a workload's confirm line (forward) or rollback-confirm line (back) that feed a gauge each. */
    enum MoveFigure {
        PAUSE(
                "pauseMs",
                "cutover.wave.pause",
                "The workload's pause at its last move: from its stop to its start on the other cluster",
                "seconds",
                1000),
        REPLAYED(
                "replayed",
                "cutover.wave.replayed.records",
                "Records the workload's groups read again at its last move (0 when exact)",
                null,
                1),
        SKIPPED(
                "skipped",
                "cutover.wave.skipped.records",
                "Records the workload's groups skipped at its last move (0 when exact)",
                null,
                1);

        final String key;
        final String name;
        final String description;
        final String unit;
        final double divisor;

        MoveFigure(String key, String name, String description, String unit, double divisor) {
            this.key = key;
            this.name = name;
            this.description = description;
            this.unit = unit;
            this.divisor = divisor;
        }

        Figure figure(Tags tags) {
            return new Figure(name, description, unit, tags);
        }
    }

    /** What one read of the journal found: the last line of every step, and the figures worth a meter. */
    record Snapshot(Map<Step, JournalEntry> steps, Map<Figure, Double> figures) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

        static Snapshot of(List<JournalEntry> entries) {
            Map<Step, JournalEntry> steps = new java.util.LinkedHashMap<>();
            Map<Figure, Double> figures = new HashMap<>();
            for (JournalEntry e : entries) {
                if (e.phase() == JournalEntry.Phase.NOTE) {
                    continue;
                }
                steps.put(new Step(e.wave(), e.subject(), e.step()), e);
                if (e.phase() == JournalEntry.Phase.BEGIN) {
                    continue;
                }
                Tags workload = Tags.of("wave", e.wave(), "workload", e.subject());
                if (e.step().equals("confirm") || e.step().equals("rollback-confirm")) {
                    String direction = e.step().equals("confirm") ? "forward" : "back";
                    Tags t = workload.and("direction", direction);
                    for (MoveFigure m : MoveFigure.values()) {
                        number(e.figures().get(m.key)).ifPresent(n -> figures.put(m.figure(t), n / m.divisor));
                    }
                }
                e.figures().forEach((k, v) -> {
                    if (k.startsWith("translated.")) {
                        String direction = e.figures().getOrDefault("direction", "forward");
                        number(v)
                                .ifPresent(n -> figures.put(
                                        new Figure(
                                                "cutover.offsets.translated.partitions",
                                                "Partitions whose committed"
                                                        + " offset was translated exactly at the group's last move",
                                                null,
                                                workload.and(
                                                        "group",
                                                        k.substring("translated.".length()),
                                                        "direction",
                                                        direction)),
                                        n));
                    } else if (k.startsWith("refused.")) {
                        Figure f = new Figure(
                                "cutover.offsets.refused.syncs",
                                "Group offset syncs refused at a"
                                        + " move, by reason (e.g. link_behind, active_members, untranslatable)",
                                null,
                                workload.and(
                                        "group",
                                        k.substring("refused.".length()),
                                        "reason",
                                        v.toLowerCase(Locale.ROOT)));
                        figures.merge(f, 1.0, Double::sum);
                    }
                });
            }
            return new Snapshot(steps, figures);
        }

        Set<String> waves() {
            Set<String> waves = new java.util.TreeSet<>();
            steps.keySet().forEach(s -> waves.add(s.wave()));
            return waves;
        }

        double waiting(String wave) {
            return waitingIn(wave).count();
        }

        double strays(String wave) {
            return waitingIn(wave)
                    .mapToDouble(e -> number(e.figures().get("straysFound")).orElse(0.0))
                    .sum();
        }

        /** The wave's steps whose last line waits for an operator. */
        private java.util.stream.Stream<JournalEntry> waitingIn(String wave) {
            return steps.entrySet().stream()
                    .filter(e -> e.getKey().wave().equals(wave))
                    .map(Map.Entry::getValue)
                    .filter(e -> e.phase() == JournalEntry.Phase.WAITING);
        }
    }
}
