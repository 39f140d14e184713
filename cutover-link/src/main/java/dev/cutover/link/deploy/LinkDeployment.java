package dev.cutover.link.deploy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Redactor;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.deploy.ConnectClient.Existing;
import dev.cutover.link.deploy.ConnectClient.WorkerInfo;
import dev.cutover.link.deploy.ConnectorStatus.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Deploys a link as a Kafka Connect connector through the workers' REST API, or deletes it. Before anything is
 * submitted it checks that the workers work against the link's target cluster (the connector writes where its workers
 * write, so another cluster would receive the copy) and, to deploy, that they have the connector's plugin, that no
 * other connector of the same name or of the same link is there, and that Connect finds the configuration valid. Then
 * it creates or updates the connector and waits, at most the timeout, until the connector and all its tasks run, or
 * one fails, or it stays paused or stopped. The link's state on the target is not touched: {@code link status} follows
 * the connector as it follows {@code link start}.
 */
public final class LinkDeployment {
    private static final Duration POLL = Duration.ofMillis(500);

    /** What was done to the connector. */
    public enum Action {
        CREATED,
        UPDATED,
        DELETED
    }

    /** How it ended: only {@link #RUNNING} and {@link #DELETED} are success. */
    public enum Outcome {
        RUNNING,
        FAILED,
        /** Paused or stopped by someone; an update leaves it so. */
        NOT_RUNNING,
        TIMED_OUT,
        DELETED
    }

    /**
     * @param detail for an outcome other than success, what failed or what it still waited for
     */
    public record Result(
            String connector,
            String link,
            WorkerInfo worker,
            Action action,
            Outcome outcome,
            Optional<ConnectorStatus> status,
            Optional<String> detail) {
        public boolean succeeded() {
            return outcome == Outcome.RUNNING || outcome == Outcome.DELETED;
        }
    }

    private final ConnectClient connect;
    private final Supplier<String> targetClusterId;
    private final Duration timeout;
    private final Duration poll;

    /**
     * @param targetClusterId the id of the workspace's target cluster (asked once the workers have answered)
     * @param timeout how long to wait for the connector to run or to be gone
     */
    public LinkDeployment(ConnectClient connect, Supplier<String> targetClusterId, Duration timeout) {
        this(connect, targetClusterId, timeout, POLL);
    }

    LinkDeployment(ConnectClient connect, Supplier<String> targetClusterId, Duration timeout, Duration poll) {
        this.connect = connect;
        this.targetClusterId = targetClusterId;
        this.timeout = timeout;
        this.poll = poll;
    }

    /** The workers answer as Connect does and work against the target cluster; {@link Reason#CONFIG_INVALID} if not. */
    public WorkerInfo checkWorkers() {
        WorkerInfo worker = connect.info();
        String target = targetClusterId.get();
        if (!worker.kafkaClusterId().equals(target)) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "the Kafka Connect workers at " + connect.url() + " work against Kafka cluster "
                            + Redactor.redactText(worker.kafkaClusterId()) + ", not the workspace's target (cluster "
                            + target + "); the link's connector writes to the workers' cluster",
                    "give --connect the workers whose bootstrap.servers is the target cluster, or correct the target"
                            + " profile in cutover.yaml");
        }
        return worker;
    }

    /** Checks, then creates or updates the connector of {@code plan} and waits for it to run. */
    public Result deploy(ConnectorPlan plan, Consumer<String> progress) {
        WorkerInfo worker = checkWorkers();
        if (!connect.connectorClasses().contains(ConnectorConfig.CONNECTOR_CLASS)) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "the Kafka Connect workers at " + connect.url() + " do not have the cutover link connector ("
                            + ConnectorConfig.CONNECTOR_CLASS + ") installed",
                    "build its plugin with ./mvnw -pl cutover-connect -am package, copy"
                            + " cutover-connect/target/plugin/cutover-connect/ into a directory on every worker's"
                            + " plugin.path and restart the workers (docs/connect-deploy.md#installing-the-plugin)");
        }
        Map<String, Existing> existing = connect.connectors();
        Optional.ofNullable(existing.get(plan.connector())).ifPresent(e -> checkOwned(e, plan.link()));
        existing.values().stream()
                .filter(e -> !e.name().equals(plan.connector()) && isLink(e, plan.link()))
                .findFirst()
                .ifPresent(e -> {
                    throw new CutoverException(
                            Reason.CONFIG_INVALID,
                            "link '" + plan.link() + "' is deployed already, as connector '" + e.name() + "' on the"
                                    + " workers at " + connect.url() + "; one instance runs a link at a time",
                            "update that one with --connector " + e.name() + ", or delete it first (--delete"
                                    + " --connector " + e.name() + ")");
                });
        Map<String, List<String>> errors =
                connect.validate(ConnectorConfig.CONNECTOR_CLASS, plan.connector(), plan.config());
        if (!errors.isEmpty()) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "Kafka Connect at " + connect.url() + " finds the connector's configuration invalid: "
                            + String.join(
                                    "; ",
                                    errors.entrySet().stream()
                                            .map(e -> e.getKey() + ": " + String.join(" ", e.getValue()))
                                            .toList()),
                    "link.* keys come from links." + plan.link() + " in cutover.yaml, source.* and target.* from its"
                            + " profiles; exactly.once.support needs exactly.once.source.support=enabled on every"
                            + " worker (docs/connect-deploy.md)");
        }
        Action action = connect.put(plan.connector(), plan.config()) ? Action.CREATED : Action.UPDATED;
        progress.accept(action.name().toLowerCase(java.util.Locale.ROOT) + " connector " + plan.connector()
                + "; waiting for it and its tasks to run");
        return awaitRunning(plan.connector(), plan.link(), worker, action, progress);
    }

    /** Checks, then deletes the connector of a link and waits until Connect no longer has it. */
    public Result delete(String connector, String link, Consumer<String> progress) {
        WorkerInfo worker = checkWorkers();
        Map<String, Existing> existing = connect.connectors();
        Existing e = existing.get(connector);
        if (e == null) {
            List<String> links = existing.values().stream()
                    .filter(c -> c.connectorClass().equals(ConnectorConfig.CONNECTOR_CLASS))
                    .map(c -> c.name() + " (link " + c.link().orElse(LinkConfig.DEFAULT_NAME) + ")")
                    .toList();
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "the Kafka Connect workers at " + connect.url() + " have no connector named '" + connector + "'",
                    links.isEmpty()
                            ? "none of their connectors is a cutover link's"
                            : "their cutover link connectors: " + String.join(", ", links));
        }
        checkOwned(e, link);
        connect.delete(connector);
        progress.accept("deleted connector " + connector + "; waiting until the workers no longer have it");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ConnectorStatus> status = connect.status(connector);
            if (status.isEmpty()) {
                return new Result(connector, link, worker, Action.DELETED, Outcome.DELETED, status, Optional.empty());
            }
            if (System.nanoTime() - deadline > 0) {
                return new Result(
                        connector,
                        link,
                        worker,
                        Action.DELETED,
                        Outcome.TIMED_OUT,
                        status,
                        Optional.of("after " + timeout.toSeconds() + " s the workers still report it: "
                                + status.get().describe()));
            }
            pause();
        }
    }

    private Result awaitRunning(
            String connector, String link, WorkerInfo worker, Action action, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            Optional<ConnectorStatus> status = connect.status(connector);
            if (status.isPresent()) {
                ConnectorStatus s = status.get();
                if (s.failure().isPresent()) {
                    return new Result(connector, link, worker, action, Outcome.FAILED, status, s.failure());
                }
                if (s.running()) {
                    return new Result(connector, link, worker, action, Outcome.RUNNING, status, Optional.empty());
                }
                if (s.state() == State.PAUSED || s.state() == State.STOPPED) {
                    return new Result(
                            connector,
                            link,
                            worker,
                            action,
                            Outcome.NOT_RUNNING,
                            status,
                            Optional.of("the connector is " + s.state() + " (someone "
                                    + s.state().name().toLowerCase(java.util.Locale.ROOT)
                                    + " it; an update leaves it so): resume it with PUT"
                                    + " /connectors/" + connector + "/resume"));
                }
            }
            String seen = status.map(ConnectorStatus::describe).orElse("no status yet");
            if (!seen.equals(last)) {
                progress.accept(connector + ": " + seen);
                last = seen;
            }
            if (System.nanoTime() - deadline > 0) {
                return new Result(
                        connector,
                        link,
                        worker,
                        action,
                        Outcome.TIMED_OUT,
                        status,
                        Optional.of("after " + timeout.toSeconds() + " s, " + seen));
            }
            pause();
        }
    }

    private static boolean isLink(Existing e, String link) {
        return e.connectorClass().equals(ConnectorConfig.CONNECTOR_CLASS)
                && e.link().orElse(LinkConfig.DEFAULT_NAME).equals(link);
    }

    private void checkOwned(Existing e, String link) {
        if (!e.connectorClass().equals(ConnectorConfig.CONNECTOR_CLASS)) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "connector '" + e.name() + "' on the workers at " + connect.url() + " runs "
                            + Redactor.redactText(e.connectorClass()) + ", not the cutover link; it is left alone",
                    "choose another name with --connector");
        }
        if (!isLink(e, link)) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "connector '" + e.name() + "' on the workers at " + connect.url() + " copies link '"
                            + e.link().orElse(LinkConfig.DEFAULT_NAME) + "', not '" + link + "'; it is left alone",
                    "give --name " + e.link().orElse(LinkConfig.DEFAULT_NAME) + " to mean that link, or another"
                            + " --connector");
        }
    }

    private void pause() {
        try {
            Thread.sleep(poll.toMillis()); // polling the workers' REST API, bounded by the deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted while waiting for Kafka Connect", null);
        }
    }
}
