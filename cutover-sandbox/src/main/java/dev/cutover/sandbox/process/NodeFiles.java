package dev.cutover.sandbox.process;

import dev.cutover.sandbox.BrokerDefaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Where the files of a {@link NodeCluster}'s nodes live and what they hold: per node a directory with its broker
 * configuration ({@code node.properties}), its log4j configuration, its Kafka log directory ({@code data}, formatted
 * once) and the output and log of each of its runs.
 */
final class NodeFiles {
    /**
     * The nodes' log4j configuration (used if log4j is on the class path): warnings and the broker's start and stop to
     * the node's log file, whatever configuration the class path holds, so that a node that fails says why.
     */
    private static final String LOG_CONFIG =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN">
              <Appenders>
                <File name="file" fileName="${sys:cutover.log.file}" append="true">
                  <PatternLayout pattern="%d{ISO8601} %-5p [%t] %c{1.}: %m%n"/>
                </File>
              </Appenders>
              <Loggers>
                <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                <Logger name="kafka.server.BrokerServer" level="INFO"/>
                <Logger name="state.change.logger" level="ERROR"/>
                <Root level="WARN">
                  <AppenderRef ref="file"/>
                </Root>
              </Loggers>
            </Configuration>
            """;

    private final Path dir;
    private final String clusterName;
    private final String clusterId;
    private final int nodes;
    private final List<Integer> clientPorts;
    private final List<Integer> controllerPorts;
    private final Map<String, String> brokerConfig;

    NodeFiles(
            Path dir,
            String clusterName,
            String clusterId,
            List<Integer> clientPorts,
            List<Integer> controllerPorts,
            Map<String, String> brokerConfig) {
        this.dir = dir;
        this.clusterName = clusterName;
        this.clusterId = clusterId;
        this.nodes = clientPorts.size();
        this.clientPorts = clientPorts;
        this.controllerPorts = controllerPorts;
        this.brokerConfig = brokerConfig;
    }

    Path nodeDir(int node) {
        return dir.resolve("node-" + node);
    }

    Path logDir(int node) {
        return nodeDir(node).resolve("data");
    }

    Path outFile(int node, int run) {
        return nodeDir(node).resolve("node-" + node + "." + run + ".out");
    }

    Path kafkaLog(int node, int run) {
        return nodeDir(node).resolve("node-" + node + "." + run + "-kafka.log");
    }

    Path logConfig(int node) {
        return nodeDir(node).resolve("log4j2-node.xml");
    }

    /** Writes the node's configuration and log configuration, and formats its log directory. */
    void prepare(int node) {
        writeConfig(node);
        format(node);
        writeLogConfig(node);
    }

    private void writeConfig(int node) {
        int replicas = Math.min(nodes, 3);
        String voters = IntStream.range(0, nodes)
                .mapToObj(i -> i + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(node));
        c.put("controller.quorum.voters", voters);
        c.put(
                "listeners",
                "CLIENT://127.0.0.1:" + clientPorts.get(node) + ",CONTROLLER://127.0.0.1:" + controllerPorts.get(node));
        c.put("advertised.listeners", "CLIENT://127.0.0.1:" + clientPorts.get(node));
        c.put("listener.security.protocol.map", "CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("inter.broker.listener.name", "CLIENT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("log.dirs", logDir(node).toString());
        c.putAll(BrokerDefaults.forReplicas(replicas));
        c.put("min.insync.replicas", Integer.toString(Math.min(replicas, 2)));
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.num.partitions", "10");
        c.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
        c.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(replicas, 2)));
        c.put("broker.session.timeout.ms", "3000");
        c.put("broker.heartbeat.interval.ms", "500");
        c.put("log.cleaner.threads", "1");
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        // Clean stops need not move leadership first: close() stops all nodes at once.
        c.put("controlled.shutdown.enable", "false");
        c.putAll(brokerConfig);
        Properties props = new Properties();
        props.putAll(c);
        try {
            Files.createDirectories(logDir(node));
            try (Writer out = Files.newBufferedWriter(configFile(node), StandardCharsets.UTF_8)) {
                props.store(out, "node " + node + " of " + clusterName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of node " + node, e);
        }
    }

    Path configFile(int node) {
        return nodeDir(node).resolve("node.properties");
    }

    private void format(int node) {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(node)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir(node).toString()))
                .setMetadataLogDirectory(logDir(node).toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName("CONTROLLER");
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the log directory of node " + node, e);
        }
    }

    private void writeLogConfig(int node) {
        try {
            Files.writeString(logConfig(node), LOG_CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logConfig(node), e);
        }
    }
}
