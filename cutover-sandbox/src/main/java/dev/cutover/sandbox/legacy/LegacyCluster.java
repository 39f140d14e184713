package dev.cutover.sandbox.legacy;

import dev.cutover.sandbox.BrokerDefaults;
import dev.cutover.sandbox.KafkaCluster;
import dev.cutover.sandbox.ScramLogins;
import dev.cutover.sandbox.SecurityMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * An older Kafka broker (3.9.1 with ZooKeeper) running in child JVMs: one ZooKeeper, one broker, both on free loopback
 * ports, with their data and logs in one temporary directory that {@link #close()} deletes.
 *
 * <p>The broker JVM exposes remote JMX (no authentication, loopback only) at {@link #jmxUrl()}. A JVM shutdown hook
 * kills both children if this JVM exits without closing the cluster.
 */
public final class LegacyCluster implements KafkaCluster {
    private static final long STOP_GRACE_MILLIS = 20_000;
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final LegacyOptions options;
    private final Path directory;
    private final int brokerPort;
    private final int jmxPort;
    private final List<ChildJvm> children = Collections.synchronizedList(new ArrayList<>());
    private final Thread shutdownHook;
    private final String adminPassword = randomPassword();
    private volatile String clusterId;
    private volatile boolean closed;

    private LegacyCluster(String name, LegacyOptions options, Path directory, int brokerPort, int jmxPort) {
        this.name = name;
        this.options = options;
        this.directory = directory;
        this.brokerPort = brokerPort;
        this.jmxPort = jmxPort;
        this.shutdownHook = new Thread(this::killChildren, "cutover-legacy-" + name + "-shutdown");
    }

    /**
     * Starts ZooKeeper, then the broker, and returns once the broker answers {@code describeCluster} with one node.
     *
     * @throws IllegalStateException if the class path resource is missing, a child dies or the broker is not ready in
     *     time; the message holds the tail of the failing child's log
     */
    public static LegacyCluster start(String name, LegacyOptions options) {
        String classpath = LegacyClasspath.load(options.kafkaVersion());
        Path directory;
        try {
            directory = Files.createTempDirectory("cutover-legacy-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for legacy cluster " + name, e);
        }
        int[] ports = freePorts(3);
        LegacyCluster cluster = new LegacyCluster(name, options, directory, ports[1], ports[2]);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startChildren(
                    classpath,
                    ports[0],
                    System.nanoTime() + options.startTimeout().toNanos());
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Kafka 3.9.1, PLAINTEXT, default timeout. */
    public static LegacyCluster start(String name) {
        return start(name, LegacyOptions.defaults());
    }

    private void startChildren(String classpath, int zkPort, long deadline) {
        try {
            Path zkDir = Files.createDirectories(directory.resolve("zookeeper"));
            Path brokerDir = Files.createDirectories(directory.resolve("broker"));
            Path log4j = LegacyConfigs.writeLog4j(directory);
            List<String> common = List.of(
                    "-Xms64m",
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-Djava.awt.headless=true",
                    "-Dlog4j.configuration=" + log4j.toUri());

            Path zkConfig =
                    LegacyConfigs.write(zkDir.resolve("zookeeper.properties"), LegacyConfigs.zooKeeper(zkDir, zkPort));
            ChildJvm zk = ChildJvm.start(
                    "zookeeper",
                    classpath,
                    common,
                    "org.apache.zookeeper.server.ZooKeeperServerMain",
                    List.of(zkConfig.toString()),
                    zkDir,
                    zkDir.resolve("zookeeper.log"));
            children.add(zk);
            awaitPort(zk, zkPort, deadline);

            if (options.security() == SecurityMode.SASL_SCRAM) {
                createAdminCredential(classpath, common, zkPort, directory, deadline);
            }
            Path brokerConfig = LegacyConfigs.write(
                    brokerDir.resolve("server.properties"),
                    LegacyConfigs.broker(brokerDir, brokerPort, zkPort, options.security(), adminPassword));
            List<String> brokerJvm = new ArrayList<>(common);
            brokerJvm.addAll(List.of(
                    "-Dcom.sun.management.jmxremote",
                    "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                    "-Dcom.sun.management.jmxremote.authenticate=false",
                    "-Dcom.sun.management.jmxremote.ssl=false",
                    "-Djava.rmi.server.hostname=127.0.0.1"));
            ChildJvm broker = ChildJvm.start(
                    "broker",
                    classpath,
                    brokerJvm,
                    "kafka.Kafka",
                    List.of(brokerConfig.toString()),
                    brokerDir,
                    brokerDir.resolve("broker.log"));
            children.add(broker);
            clusterId = awaitBroker(broker, deadline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start legacy cluster " + name + " in " + directory, e);
        }
    }

    /** Writes the admin's SCRAM credential to ZooKeeper (ConfigCommand --zookeeper) before the broker starts. */
    private void createAdminCredential(String classpath, List<String> jvm, int zkPort, Path dir, long deadline)
            throws IOException {
        ChildJvm configs = ChildJvm.start(
                "kafka-configs",
                classpath,
                jvm,
                "kafka.admin.ConfigCommand",
                List.of(
                        "--zookeeper",
                        "127.0.0.1:" + zkPort,
                        "--alter",
                        "--entity-type",
                        "users",
                        "--entity-name",
                        LegacyConfigs.ADMIN_USER,
                        "--add-config",
                        LegacyConfigs.SCRAM_MECHANISM + "=[password=" + adminPassword + "]"),
                dir,
                dir.resolve("kafka-configs.log"));
        children.add(configs);
        while (configs.isAlive()) {
            sleepUntilRetry(configs, deadline);
        }
        children.remove(configs);
        if (!configs.describeExit().endsWith("code 0")) {
            throw failure(configs, configs.describeExit() + " while creating the admin's SCRAM credential");
        }
    }

    private void awaitPort(ChildJvm child, int port, long deadline) {
        while (true) {
            checkAlive(child);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                sleepUntilRetry(child, deadline);
            }
        }
    }

    private String awaitBroker(ChildJvm broker, long deadline) {
        Map<String, Object> props = new LinkedHashMap<>(adminClientProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "cutover-legacy-readiness");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                checkAlive(broker);
                try {
                    DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
                    if (result.nodes().get(3, TimeUnit.SECONDS).size() == 1) {
                        return result.clusterId().get(3, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting legacy cluster " + name, e);
                } catch (Exception notYet) {
                    // not ready yet
                }
                sleepUntilRetry(broker, deadline);
            }
        }
    }

    private void checkAlive(ChildJvm child) {
        if (!child.isAlive()) {
            throw failure(child, child.describeExit() + " while starting");
        }
    }

    private void sleepUntilRetry(ChildJvm child, long deadline) {
        if (System.nanoTime() > deadline) {
            throw failure(
                    child,
                    child.role() + " not ready within " + options.startTimeout().toSeconds() + " s");
        }
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting legacy cluster " + name, e);
        }
    }

    private IllegalStateException failure(ChildJvm child, String what) {
        return new IllegalStateException("legacy cluster " + name + " (Kafka " + options.kafkaVersion() + "): " + what
                + "; last lines of " + child.logFile() + ":" + System.lineSeparator() + child.tail(LOG_TAIL_LINES));
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public String kafkaVersion() {
        return options.kafkaVersion();
    }

    @Override
    public SecurityMode security() {
        return options.security();
    }

    @Override
    public Map<String, Object> adminClientProperties() {
        return clientProperties(LegacyConfigs.ADMIN_USER, adminPassword);
    }

    @Override
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (options.security() == SecurityMode.SASL_SCRAM) {
            props.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            props.put(SaslConfigs.SASL_MECHANISM, LegacyConfigs.SCRAM_MECHANISM);
            props.put(SaslConfigs.SASL_JAAS_CONFIG, BrokerDefaults.scramJaas(user, password));
        }
        return Map.copyOf(props);
    }

    /**
     * Creates or updates a SCRAM-SHA-512 user (Admin {@code alterUserScramCredentials}, which 3.9 brokers in ZooKeeper
     * mode support). The user has no ACLs: grant them with {@link Admin#createAcls}.
     *
     * @throws IllegalStateException unless the cluster runs {@link SecurityMode#SASL_SCRAM}
     */
    public void createUser(String user, String password) {
        if (options.security() != SecurityMode.SASL_SCRAM) {
            throw new IllegalStateException(
                    "legacy cluster " + name + " has no SCRAM users: security is " + options.security());
        }
        try (Admin admin = Admin.create(adminClientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating user " + user, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user + " on legacy cluster " + name, e);
        }
        ScramLogins.await(name, clientProperties(user, password), user);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Optional<String> jmxUrl() {
        return Optional.of("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
    }

    /** The temporary directory holding data, configs and the children's logs; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** Process ids of the child JVMs (ZooKeeper first, then the broker). */
    public List<Long> childPids() {
        synchronized (children) {
            return children.stream().map(ChildJvm::pid).toList();
        }
    }

    /** Stops the broker, then ZooKeeper (each SIGTERM, then kill after a grace period), and deletes the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ChildJvm> reversed;
        synchronized (children) {
            reversed = new ArrayList<>(children);
        }
        Collections.reverse(reversed);
        for (ChildJvm child : reversed) {
            child.stop(STOP_GRACE_MILLIS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        deleteRecursively(directory);
    }

    private void killChildren() {
        synchronized (children) {
            for (int i = children.size() - 1; i >= 0; i--) {
                children.get(i).kill();
            }
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return "LegacyCluster[" + name + ", Kafka " + options.kafkaVersion() + ", " + bootstrapServers() + "]";
    }
}
