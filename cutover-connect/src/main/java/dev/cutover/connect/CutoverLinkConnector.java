package dev.cutover.connect;

import dev.cutover.api.CutoverException;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.engine.HostedLink;
import dev.cutover.link.engine.LinkEvent;
import dev.cutover.link.txn.LinkTakeover;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link as a Kafka Connect source connector. The connector does once what the link does once — checks the
 * clusters and the lease, creates the link's internal topics, completes and fences an in-process instance's open
 * transaction, syncs topics and ACLs, follows the source ({@link HostedLink}) — and shares the partitions to copy
 * among its tasks ({@link CutoverLinkTask}), asking Connect for new task configurations when they change. Configured
 * as {@link ConnectorConfig} says; runs only in Connect's exactly-once mode, with its own transaction boundaries.
 */
public final class CutoverLinkConnector extends SourceConnector {
    private static final Logger log = LoggerFactory.getLogger(CutoverLinkConnector.class);

    private Map<String, String> props;
    private HostedLink link;
    private volatile List<TopicPartition> partitions = List.of();
    private ScheduledExecutorService follower;

    @Override
    public String version() {
        return Versions.of(getClass());
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        TaskSettings settings = TaskSettings.of(props);
        link = new HostedLink(settings.source(), settings.target(), settings.link(), new LinkTakeover(), this::tell);
        try {
            partitions = link.start();
        } catch (CutoverException e) {
            link.close();
            throw new ConnectException(TaskSettings.describe(e), e);
        }
        log.info("link '{}': {} partition(s) to copy", settings.link().topics().link(), partitions.size());
        follower = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(
                    r, "cutover-link-follower-" + settings.link().topics().link());
            t.setDaemon(true);
            return t;
        });
        long every = link.refreshInterval().toMillis();
        follower.scheduleWithFixedDelay(this::follow, every, every, TimeUnit.MILLISECONDS);
    }

    private void follow() {
        List<TopicPartition> now = link.refresh(partitions);
        if (!now.equals(partitions)) {
            log.info(
                    "the partitions to copy changed ({} → {}): asking for new task configurations",
                    partitions.size(),
                    now.size());
            partitions = now;
            context.requestTaskReconfiguration();
        }
    }

    private void tell(LinkEvent event) {
        if (event instanceof LinkEvent.Info info) {
            log.info(info.message());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CutoverLinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return TaskSettings.share(props, partitions, maxTasks);
    }

    @Override
    public void stop() {
        if (follower != null) {
            follower.shutdownNow();
            try {
                follower.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (link != null) {
            link.close();
        }
    }

    @Override
    public ConfigDef config() {
        return TaskSettings.CONFIG;
    }

    /** Connect's own checks, then the link's, each problem on its key (shown by the REST API's validate call). */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        for (String problem : ConnectorConfig.problems(connectorConfigs)) {
            String key = problem.substring(0, problem.indexOf(' '));
            ConfigValue value = config.configValues().stream()
                    .filter(v -> v.name().equals(key))
                    .findFirst()
                    .orElseGet(() -> {
                        ConfigValue added = new ConfigValue(key);
                        config.configValues().add(added);
                        return added;
                    });
            value.addErrorMessage(problem);
        }
        return config;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }
}
