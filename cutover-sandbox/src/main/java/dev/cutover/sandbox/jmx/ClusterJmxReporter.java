package dev.cutover.sandbox.jmx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.utils.Sanitizer;

/**
 * A Kafka {@link MetricsReporter} that publishes a broker's metrics into its cluster's {@link ClusterJmx}, named as
 * Kafka's {@code JmxReporter} names them ({@code <namespace>:type=<group>,<tag>=<value>...}, attribute = metric name)
 * plus a {@code broker=<node.id>} key, so that the brokers of one cluster do not collide.
 *
 * <p>Loaded by the broker through {@code metric.reporters}; see {@link ClusterJmx#brokerConfigs(String)}.
 */
public final class ClusterJmxReporter implements MetricsReporter {
    static final String BROKER_KEY = "broker";
    private static final String DEFAULT_NAMESPACE = "kafka.server";

    private final Map<MetricName, ObjectName> reported = new HashMap<>();
    private final Map<MetricName, KafkaMetric> metrics = new HashMap<>();
    private ClusterJmx jmx;
    private String broker;
    private String namespace = DEFAULT_NAMESPACE;

    @Override
    public void configure(Map<String, ?> configs) {
        Object cluster = configs.get(ClusterJmx.CLUSTER_CONFIG);
        if (cluster == null) {
            throw new ConfigException(ClusterJmx.CLUSTER_CONFIG + " must name the cluster whose JMX to report to");
        }
        jmx = ClusterJmx.find(cluster.toString())
                .orElseThrow(() -> new ConfigException("no JMX started for cluster " + cluster
                        + ": call ClusterJmx.start(\"" + cluster + "\") before starting its brokers"));
        Object nodeId = configs.get("node.id");
        if (nodeId == null) {
            nodeId = configs.get("broker.id");
        }
        broker = nodeId == null ? "unknown" : nodeId.toString();
    }

    @Override
    public synchronized void contextChange(MetricsContext metricsContext) {
        String ns = metricsContext.contextLabels().get(MetricsContext.NAMESPACE);
        namespace = ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
    }

    @Override
    public synchronized void init(List<KafkaMetric> initial) {
        initial.forEach(this::add);
    }

    @Override
    public synchronized void metricChange(KafkaMetric metric) {
        KafkaMetric previous = metrics.get(metric.metricName());
        if (previous != null) {
            jmx.removeMetric(reported.get(metric.metricName()), previous);
        }
        add(metric);
    }

    @Override
    public synchronized void metricRemoval(KafkaMetric metric) {
        ObjectName name = reported.remove(metric.metricName());
        KafkaMetric held = metrics.remove(metric.metricName());
        if (name != null && held != null) {
            jmx.removeMetric(name, held);
        }
    }

    @Override
    public synchronized void close() {
        for (MetricName metricName : new ArrayList<>(reported.keySet())) {
            jmx.removeMetric(reported.get(metricName), metrics.get(metricName));
        }
        reported.clear();
        metrics.clear();
    }

    private void add(KafkaMetric metric) {
        ObjectName name = objectName(namespace, metric.metricName(), broker);
        reported.put(metric.metricName(), name);
        metrics.put(metric.metricName(), metric);
        jmx.addMetric(name, metric);
    }

    /**
     * The JmxReporter's name for the metric plus the broker key ({@code sandboxBroker} if the metric has a tag called
     * {@code broker}). Empty tag keys or values are skipped, values are quoted where JMX needs it, as JmxReporter does.
     */
    static ObjectName objectName(String namespace, MetricName metricName, String broker) {
        StringBuilder name = new StringBuilder(namespace).append(":type=").append(metricName.group());
        for (Map.Entry<String, String> tag : metricName.tags().entrySet()) {
            if (tag.getKey().isEmpty() || tag.getValue().isEmpty()) {
                continue;
            }
            name.append(',').append(tag.getKey()).append('=').append(Sanitizer.jmxSanitize(tag.getValue()));
        }
        String key = metricName.tags().containsKey(BROKER_KEY) ? "sandboxBroker" : BROKER_KEY;
        name.append(',').append(key).append('=').append(Sanitizer.jmxSanitize(broker));
        try {
            return new ObjectName(name.toString());
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("cannot name MBean for metric " + metricName + ": " + name, e);
        }
    }
}
