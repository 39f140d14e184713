package dev.cutover.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Map;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * This JVM's platform MBeanServer behind an RMI connector on a loopback port: what a broker JVM started with {@code
 * JMX_PORT} offers. An in-process broker started without the sandbox's own JMX reports there both its Kafka metrics
 * ({@code socket-server-metrics}) and its Yammer metrics ({@code BrokerTopicMetrics}, {@code RequestMetrics}).
 * The Yammer metrics are one registry per JVM: with several in-process clusters their values are the JVM's, so tests
 * assert that the signals exist, not their exact values. (The sandbox's {@code ClusterJmx} keeps clusters apart but
 * carries only Kafka's own metrics.)
 */
public final class PlatformJmx implements AutoCloseable {
    private final Registry registry;
    private final JMXConnectorServer server;
    private final String url;

    private PlatformJmx(Registry registry, JMXConnectorServer server, String url) {
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    public static PlatformJmx start() throws IOException {
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        }
        int port = freePort();
        RMIServerSocketFactory loopback = new Loopback();
        Registry registry = LocateRegistry.createRegistry(port, null, loopback);
        String address = "service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL(address),
                Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopback),
                ManagementFactory.getPlatformMBeanServer());
        server.start();
        return new PlatformJmx(registry, server, "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    }

    public String url() {
        return url;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } finally {
            try {
                UnicastRemoteObject.unexportObject(registry, true);
            } catch (NoSuchObjectException ignored) {
                // already gone
            }
        }
    }

    private static final class Loopback implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Loopback;
        }

        @Override
        public int hashCode() {
            return Loopback.class.hashCode();
        }
    }
}
