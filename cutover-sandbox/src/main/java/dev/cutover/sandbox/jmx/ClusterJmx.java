package dev.cutover.sandbox.jmx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * JMX of one in-process cluster: a dedicated {@link MBeanServer} (not the platform one, where two clusters' metrics
 * would collide) behind an RMI connector on a free loopback port. Brokers publish their metrics into it through
 * {@link ClusterJmxReporter}, configured by {@link #brokerConfigs(String)}.
 *
 * <p>Only Kafka's own metrics ({@code org.apache.kafka.common.metrics}, e.g. {@code socket-server-metrics}) arrive
 * here. Yammer metrics ({@code kafka.server:type=BrokerTopicMetrics}, {@code kafka.network:type=RequestMetrics}) live
 * in one registry per JVM that Kafka reports to the platform MBeanServer; in-process clusters share them, and the
 * connector shows that JVM-wide view beside the cluster's own metrics ({@link SharedMeters}).
 *
 * <p>RMI stubs carry the host from {@code java.rmi.server.hostname}; the connector listens on loopback only, so
 * {@link #start(String)} sets that property to {@code 127.0.0.1} unless it is already set. It must be set before this
 * JVM's first RMI use (RMI reads it once), so the CLI should call {@link #preferLoopbackRmi()} early.
 */
public final class ClusterJmx implements AutoCloseable {
    /** Broker config key that names the cluster whose {@link ClusterJmx} a {@link ClusterJmxReporter} feeds. */
    public static final String CLUSTER_CONFIG = "cutover.sandbox.jmx.cluster";

    private static final ConcurrentMap<String, ClusterJmx> REGISTRY = new ConcurrentHashMap<>();

    private final String clusterName;
    private final MBeanServer mBeanServer;
    private final Registry rmiRegistry;
    private final JMXConnectorServer connectorServer;
    private final String url;
    private final Map<ObjectName, MetricsMBean> mbeans = new HashMap<>();

    private ClusterJmx(
            String clusterName,
            MBeanServer mBeanServer,
            Registry rmiRegistry,
            JMXConnectorServer connectorServer,
            String url) {
        this.clusterName = clusterName;
        this.mBeanServer = mBeanServer;
        this.rmiRegistry = rmiRegistry;
        this.connectorServer = connectorServer;
        this.url = url;
    }

    /** Sets {@code java.rmi.server.hostname=127.0.0.1} unless set; call before any RMI use in this JVM. */
    public static void preferLoopbackRmi() {
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        }
    }

    /**
     * Starts a dedicated MBeanServer with an RMI connector server on a free loopback port and registers it under the
     * cluster name, so that brokers configured with {@link #brokerConfigs(String)} report into it.
     *
     * @throws IllegalStateException if a ClusterJmx with this name is already running
     */
    public static ClusterJmx start(String clusterName) {
        Objects.requireNonNull(clusterName, "clusterName");
        preferLoopbackRmi();
        if (REGISTRY.containsKey(clusterName)) {
            throw new IllegalStateException("JMX of cluster " + clusterName + " is already running");
        }
        RMIServerSocketFactory loopback = new LoopbackServerSocketFactory();
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        // A broker's JVM exposes its platform MBeans too; tools read the broker's clock and uptime from this one.
        try {
            server.registerMBean(
                    java.lang.management.ManagementFactory.getRuntimeMXBean(),
                    new javax.management.ObjectName(java.lang.management.ManagementFactory.RUNTIME_MXBEAN_NAME));
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot register the runtime MBean", e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Registry registry = null;
            try {
                registry = LocateRegistry.createRegistry(port, null, loopback);
                String address = "service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
                Map<String, Object> env = new HashMap<>();
                env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopback);
                JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(
                        new JMXServiceURL(address), env, SharedMeters.view(server));
                connector.start();
                ClusterJmx jmx = new ClusterJmx(
                        clusterName,
                        server,
                        registry,
                        connector,
                        "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
                if (REGISTRY.putIfAbsent(clusterName, jmx) != null) {
                    jmx.stopServers();
                    throw new IllegalStateException("JMX of cluster " + clusterName + " is already running");
                }
                return jmx;
            } catch (IOException e) {
                last = e;
                unexport(registry);
            }
        }
        throw new UncheckedIOException("cannot start a JMX connector for cluster " + clusterName, last);
    }

    /** The running ClusterJmx of that cluster, if any. */
    public static Optional<ClusterJmx> find(String clusterName) {
        return Optional.ofNullable(REGISTRY.get(clusterName));
    }

    /**
     * Broker configs that route the broker's metrics to this cluster's JMX. {@code metric.reporters} replaces Kafka's
     * default list ({@code org.apache.kafka.common.metrics.JmxReporter}), so the broker no longer registers its
     * Kafka metrics in the platform MBeanServer, where the clusters would collide. {@link #CLUSTER_CONFIG} is not a
     * Kafka config: KafkaConfig ignores it and hands it on to the reporter's {@code configure}.
     */
    public static Map<String, String> brokerConfigs(String clusterName) {
        return Map.of(
                CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG,
                ClusterJmxReporter.class.getName(),
                CLUSTER_CONFIG,
                clusterName);
    }

    public String clusterName() {
        return clusterName;
    }

    /** {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi}. */
    public String url() {
        return url;
    }

    /** The dedicated MBeanServer, for in-process readers. */
    public MBeanServer mBeanServer() {
        return mBeanServer;
    }

    synchronized void addMetric(ObjectName name, KafkaMetric metric) {
        MetricsMBean mbean = mbeans.get(name);
        if (mbean == null) {
            mbean = new MetricsMBean();
            mbeans.put(name, mbean);
            mbean.put(metric);
            register(name, mbean);
        } else {
            mbean.put(metric);
        }
    }

    synchronized void removeMetric(ObjectName name, KafkaMetric metric) {
        MetricsMBean mbean = mbeans.get(name);
        if (mbean != null && mbean.remove(metric) && mbean.isEmpty()) {
            mbeans.remove(name);
            unregister(name);
        }
    }

    private void register(ObjectName name, MetricsMBean mbean) {
        try {
            if (mBeanServer.isRegistered(name)) {
                mBeanServer.unregisterMBean(name);
            }
            mBeanServer.registerMBean(mbean, name);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot register MBean " + name, e);
        }
    }

    private void unregister(ObjectName name) {
        try {
            if (mBeanServer.isRegistered(name)) {
                mBeanServer.unregisterMBean(name);
            }
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot unregister MBean " + name, e);
        }
    }

    /** Stops the connector and the RMI registry and forgets the cluster; MBeans reported later go nowhere. */
    @Override
    public void close() {
        REGISTRY.remove(clusterName, this);
        stopServers();
        synchronized (this) {
            List.copyOf(mbeans.keySet()).forEach(this::unregister);
            mbeans.clear();
        }
    }

    private void stopServers() {
        try {
            connectorServer.stop();
        } catch (IOException e) {
            // best effort: the registry below is still released
        } finally {
            unexport(rmiRegistry);
        }
    }

    private static void unexport(Registry registry) {
        if (registry == null) {
            return;
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException ignored) {
            // already gone
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /** Binds RMI's sockets to loopback; equal instances let the registry and the connector share one port. */
    private static final class LoopbackServerSocketFactory implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LoopbackServerSocketFactory;
        }

        @Override
        public int hashCode() {
            return LoopbackServerSocketFactory.class.hashCode();
        }
    }
}
