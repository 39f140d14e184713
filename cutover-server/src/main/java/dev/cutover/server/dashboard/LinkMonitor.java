package dev.cutover.server.dashboard;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Redactor;
import dev.cutover.config.Workspace;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.status.LinkStatusQuery;
import dev.cutover.link.status.LinkStatusReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the status of the workspace's links on the target in the background, as {@code cutover link status} reads it
 * ({@link LinkStatusQuery}), and keeps each link's {@link LinkHistory} for the charts. The links are those cutover.yaml
 * names and those with state on the target; a file without links and a target without any means the {@code default}
 * link. When the target cannot be read, every link's status is unknown, with the reason, until it can again: the last
 * status is not shown as if it were current.
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);

    /** The most samples a link's history keeps (a day of polls every 2 s is far more than a chart shows). */
    static final int MAX_SAMPLES = 5_000;

    /** What the dashboard knows of one link now. */
    public record LinkView(
            String link,
            long polledAtMs,
            String unknown,
            LinkStatusReport status,
            Long lagRecords,
            Long lagMs,
            List<LinkHistory.Sample> history) {}

    private final Workspace workspace;
    private final Clock clock;
    private final Duration keep;
    private final ScheduledExecutorService poller;
    private final Map<String, LinkHistory> histories = new ConcurrentHashMap<>();
    private volatile List<LinkView> views = List.of();
    private volatile boolean polledOnce;

    public LinkMonitor(Workspace workspace, Clock clock, Duration interval, Duration keep) {
        this.workspace = workspace;
        this.clock = clock;
        this.keep = keep;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-serve-links");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The links as last polled, by name; empty with {@link #polledOnce()} false before the first poll ended. */
    public List<LinkView> links() {
        return views;
    }

    public boolean polledOnce() {
        return polledOnce;
    }

    private void pollQuietly() {
        try {
            views = poll();
        } catch (RuntimeException e) {
            LOG.warn("polling the links failed: {}", Redactor.redactText(String.valueOf(e.getMessage())));
        } finally {
            polledOnce = true;
        }
    }

    List<LinkView> poll() {
        long now = clock.millis();
        Optional<ConnectionProfile> target =
                Optional.ofNullable(workspace.config().clusters().get("target"));
        if (target.isEmpty()) {
            return List.of(unknown(
                    LinkConfig.DEFAULT_NAME,
                    now,
                    "cutover.yaml has no 'target' profile, where a link keeps its state"));
        }
        Optional<ConnectionProfile> source =
                Optional.ofNullable(workspace.config().clusters().get("source"));
        TreeSet<String> names = new TreeSet<>(workspace.config().links().keySet());
        try {
            names.addAll(LinkStatusQuery.linksOn(target.get()));
        } catch (RuntimeException e) {
            String why = "the target cannot be read: " + message(e);
            if (names.isEmpty()) {
                names.add(LinkConfig.DEFAULT_NAME);
            }
            return names.stream().map(n -> unknown(n, now, why)).toList();
        }
        if (names.isEmpty()) {
            names.add(LinkConfig.DEFAULT_NAME);
        }
        List<LinkView> result = new ArrayList<>();
        for (String name : names) {
            try {
                LinkStatusReport report = LinkStatusQuery.read(target.get(), source, name, clock);
                long lag = 0;
                long lagMs = 0;
                long copiedTo = 0;
                for (LinkState.PartitionStatus p : report.partitions()) {
                    lag += Math.max(0, p.lagRecords());
                    lagMs = Math.max(lagMs, p.lagMs());
                    copiedTo += Math.max(0, p.replicatedTo());
                }
                LinkHistory history = history(name);
                if (!report.neverRan()) {
                    history.add(now, lag, lagMs, copiedTo);
                }
                result.add(new LinkView(name, now, null, report, lag, lagMs, history.samples()));
            } catch (RuntimeException e) {
                result.add(unknown(name, now, "its status cannot be read from the target: " + message(e)));
            }
        }
        return List.copyOf(result);
    }

    private LinkView unknown(String name, long now, String why) {
        LinkHistory history = history(name);
        history.unknown(now);
        return new LinkView(name, now, why, null, null, null, history.samples());
    }

    private LinkHistory history(String name) {
        return histories.computeIfAbsent(name, n -> new LinkHistory(keep, MAX_SAMPLES));
    }

    private static String message(RuntimeException e) {
        return Redactor.redactText(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
