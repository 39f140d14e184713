package dev.cutover.sandbox;

import dev.cutover.sandbox.jmx.ClusterJmx;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster (KRaft, the Kafka version cutover is built with) running in this JVM: 1 or 3 nodes, each both
 * broker and controller, on free loopback ports, in temporary directories deleted on {@link #close()}.
 *
 * <p>Listeners: {@code CLIENT} (clients and inter-broker traffic, with the chosen {@link SecurityMode}) and {@code
 * CONTROLLER} (PLAINTEXT, loopback only). Under {@link SecurityMode#SASL_SCRAM} the standard authorizer denies whatever
 * no ACL allows; the super users are {@value #ADMIN_USER} (bootstrapped at format time) and {@code ANONYMOUS} (the
 * broker-to-controller connection).
 */
public final class EmbeddedCluster implements KafkaCluster {
    public static final String ADMIN_USER = "admin";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String SCRAM = "SCRAM-SHA-512";
    private static final int BIND_ATTEMPTS = 3;

    /** How to start a cluster. */
    public record Options(
            String name, int brokers, SecurityMode security, Map<String, String> brokerConfig, boolean jmx) {
        public Options {
            if (brokers != 1 && brokers != 3) {
                throw new IllegalArgumentException("a sandbox cluster has 1 or 3 brokers, not " + brokers);
            }
            brokerConfig = Map.copyOf(brokerConfig);
        }

        public static Options named(String name) {
            return new Options(name, 1, SecurityMode.NONE, Map.of(), false);
        }

        public Options brokers(int count) {
            return new Options(name, count, security, brokerConfig, jmx);
        }

        public Options security(SecurityMode mode) {
            return new Options(name, brokers, mode, brokerConfig, jmx);
        }

        /** Extra broker settings, applied to every node after the sandbox's own. */
        public Options brokerConfig(Map<String, String> extra) {
            Map<String, String> merged = new HashMap<>(brokerConfig);
            merged.putAll(extra);
            return new Options(name, brokers, security, merged, jmx);
        }

        public Options jmx(boolean enabled) {
            return new Options(name, brokers, security, brokerConfig, enabled);
        }
    }

    static {
        // A broker that hits a fatal fault calls Exit, which would end this whole process (the CLI, a test run)
        // with status 1 and no word to the user. In the sandbox, say what happened and fail the caller instead.
        Exit.setExitProcedure((status, message) -> {
            throw fatal("exit", status, message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw fatal("halt", status, message);
        });
    }

    private static RuntimeException fatal(String what, int status, String message) {
        String text = "an embedded Kafka broker hit a fatal fault (" + what + " " + status + ")"
                + (message == null ? "" : ": " + message);
        log.error(text);
        return new IllegalStateException(text);
    }

    private final Options options;
    private final Path baseDir;
    private final String clusterId;
    private final List<Integer> clientPorts;
    private final String adminPassword;
    private final CertificateAuthority ca;
    private final CertificateAuthority.Store brokerKeystore;
    private final Map<String, CertificateAuthority.Store> clientKeystores = new ConcurrentHashMap<>();
    private final List<KafkaRaftServer> servers = new ArrayList<>();
    /** Each node's configuration, kept to start a stopped node again. */
    private final List<KafkaConfig> nodeConfigs = new ArrayList<>();

    private ClusterJmx jmx;
    private volatile boolean closed;

    private EmbeddedCluster(Options options) {
        this.options = options;
        this.baseDir = TempDirs.create("cutover-" + options.name() + "-");
        this.clusterId = Uuid.randomUuid().toString();
        this.clientPorts = IntStream.range(0, options.brokers())
                .mapToObj(i -> FreePorts.next())
                .toList();
        this.adminPassword = CertificateAuthority.randomPassword();
        boolean tls = options.security() == SecurityMode.SSL || options.security() == SecurityMode.MTLS;
        this.ca = tls ? new CertificateAuthority(baseDir.resolve("tls"), options.name()) : null;
        this.brokerKeystore = tls ? ca.serverKeystore("broker") : null;
    }

    /**
     * Starts a cluster and returns once every broker is registered and answers clients. Ports are probed free just
     * before the brokers bind them; if another process takes one in between, the start is retried with fresh ports.
     */
    public static EmbeddedCluster start(Options options) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(options);
            } catch (RuntimeException e) {
                if (attempt >= BIND_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
                log.info("cluster {}: a port was taken while starting; retrying with new ports", options.name());
            }
        }
    }

    private static EmbeddedCluster startOnce(Options options) {
        long t0 = System.nanoTime();
        EmbeddedCluster cluster = new EmbeddedCluster(options);
        try {
            long t1 = System.nanoTime();
            cluster.startServers();
            long t2 = System.nanoTime();
            cluster.awaitReady();
            log.info(
                    "cluster {} ready in {} ms (prepare {} ms, format+start {} ms, registration {} ms)",
                    options.name(),
                    (System.nanoTime() - t0) / 1_000_000,
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    (System.nanoTime() - t2) / 1_000_000);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    public static EmbeddedCluster start(String name) {
        return start(Options.named(name));
    }

    private void startServers() {
        if (options.jmx()) {
            // Keyed by a unique name: two clusters called "source" may live in one JVM (tests).
            jmx = ClusterJmx.start(options.name() + "-" + clusterId);
        }
        List<Integer> controllerPorts = IntStream.range(0, options.brokers())
                .mapToObj(i -> FreePorts.next())
                .toList();
        String voters = IntStream.range(0, options.brokers())
                .mapToObj(i -> i + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        for (int node = 0; node < options.brokers(); node++) {
            Path logDir = baseDir.resolve("node-" + node);
            Map<String, String> config = nodeConfig(node, logDir, voters, controllerPorts.get(node));
            format(node, logDir);
            nodeConfigs.add(new KafkaConfig(config, false));
            servers.add(new KafkaRaftServer(nodeConfigs.get(node), Time.SYSTEM));
        }
        // Nodes wait for a controller quorum while starting, so they must start together.
        CompletableFuture<?>[] starts =
                servers.stream().map(server -> Parallel.run(server::startup)).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(starts).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cluster " + options.name() + " failed to start: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cluster " + options.name() + " did not start within " + START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting cluster " + options.name(), e);
        }
    }

    private Map<String, String> nodeConfig(int node, Path logDir, String voters, int controllerPort) {
        int replicas = Math.min(options.brokers(), 3);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(node));
        c.put("controller.quorum.voters", voters);
        c.put("listeners", "CLIENT://127.0.0.1:" + clientPorts.get(node) + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "CLIENT://127.0.0.1:" + clientPorts.get(node));
        c.put("listener.security.protocol.map", "CLIENT:" + clientProtocol() + ",CONTROLLER:PLAINTEXT");
        c.put("inter.broker.listener.name", "CLIENT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("log.dirs", logDir.toString());
        c.putAll(BrokerDefaults.forReplicas(replicas));
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.num.partitions", "10");
        c.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
        c.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(replicas, 2)));
        c.put("log.cleaner.threads", "1");
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        // Sandbox data is thrown away on close, so shutdown need not move leadership first.
        c.put("controlled.shutdown.enable", "false");
        switch (options.security()) {
            case NONE -> {}
            case SASL_SCRAM -> {
                c.put("sasl.enabled.mechanisms", SCRAM);
                c.put("sasl.mechanism.inter.broker.protocol", SCRAM);
                c.put(
                        "listener.name.client.scram-sha-512.sasl.jaas.config",
                        BrokerDefaults.scramJaas(ADMIN_USER, adminPassword));
                c.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                c.put("super.users", "User:" + ADMIN_USER + ";User:ANONYMOUS");
                c.put("allow.everyone.if.no.acl.found", "false");
            }
            case SSL, MTLS -> {
                c.put("ssl.keystore.type", "PKCS12");
                c.put("ssl.keystore.location", brokerKeystore.path().toString());
                c.put("ssl.keystore.password", brokerKeystore.password());
                c.put("ssl.key.password", brokerKeystore.password());
                c.put("ssl.truststore.type", "PKCS12");
                c.put("ssl.truststore.location", ca.truststore().path().toString());
                c.put("ssl.truststore.password", ca.truststore().password());
                c.put("ssl.client.auth", options.security() == SecurityMode.MTLS ? "required" : "none");
            }
        }
        if (jmx != null) {
            c.putAll(ClusterJmx.brokerConfigs(jmx.clusterName()));
        }
        c.putAll(options.brokerConfig());
        return c;
    }

    private void format(int node, Path logDir) {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(node)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName("CONTROLLER");
        if (options.security() == SecurityMode.SASL_SCRAM) {
            formatter.setScramArguments(List.of(SCRAM + "=[name=" + ADMIN_USER + ",password=" + adminPassword + "]"));
        }
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot format the log directory of " + options.name() + " node " + node, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    int nodes = admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .size();
                    if (nodes == options.brokers()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    log.debug("cluster {} not ready yet: {}", options.name(), e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "cluster " + options.name() + " did not register its brokers within " + START_TIMEOUT);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for cluster " + options.name(), e);
        }
    }

    private String clientProtocol() {
        return switch (options.security()) {
            case NONE -> "PLAINTEXT";
            case SASL_SCRAM -> "SASL_PLAINTEXT";
            case SSL, MTLS -> "SSL";
        };
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public String bootstrapServers() {
        return clientPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public String kafkaVersion() {
        return AppInfoParser.getVersion();
    }

    @Override
    public SecurityMode security() {
        return options.security();
    }

    public int brokerCount() {
        return options.brokers();
    }

    /** The password of the {@value #ADMIN_USER} super user (SASL_SCRAM only). */
    public String adminPassword() {
        return adminPassword;
    }

    /** The CA's trust store (SSL and MTLS only). */
    public Optional<CertificateAuthority.Store> truststore() {
        return Optional.ofNullable(ca).map(CertificateAuthority::truststore);
    }

    /** A client key store whose certificate names {@code CN=<user>} (MTLS only; created on first use). */
    public CertificateAuthority.Store clientKeystore(String user) {
        if (ca == null) {
            throw new IllegalStateException("cluster " + name() + " has no TLS");
        }
        return clientKeystores.computeIfAbsent(user, ca::clientKeystore);
    }

    /**
     * A new client key store whose certificate names {@code CN=<user>} and is valid from {@code notBefore} to {@code
     * notAfter}, signed by this cluster's CA (SSL and MTLS only): dates in the past make an expired certificate.
     */
    public CertificateAuthority.Store clientKeystore(String user, Instant notBefore, Instant notAfter) {
        if (ca == null) {
            throw new IllegalStateException("cluster " + name() + " has no TLS");
        }
        return ca.clientKeystore(user, notBefore, notAfter);
    }

    @Override
    public Map<String, Object> adminClientProperties() {
        return clientProperties(ADMIN_USER, adminPassword);
    }

    @Override
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, clientProtocol());
        switch (options.security()) {
            case NONE -> {}
            case SASL_SCRAM -> {
                props.put(SaslConfigs.SASL_MECHANISM, SCRAM);
                props.put(SaslConfigs.SASL_JAAS_CONFIG, BrokerDefaults.scramJaas(user, password));
            }
            case SSL, MTLS -> {
                props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
                props.put(
                        SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                        ca.truststore().path().toString());
                props.put(
                        SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
                        ca.truststore().password());
                if (options.security() == SecurityMode.MTLS) {
                    CertificateAuthority.Store keystore = clientKeystore(user);
                    props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
                    props.put(
                            SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
                            keystore.path().toString());
                    props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
                    props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, keystore.password());
                }
            }
        }
        return props;
    }

    @Override
    public Optional<String> jmxUrl() {
        return Optional.ofNullable(jmx).map(ClusterJmx::url);
    }

    /** An admin client with super-user rights. The caller closes it. */
    public Admin admin() {
        return Admin.create(adminClientProperties());
    }

    /**
     * Creates (or updates) a SCRAM user and waits until the brokers accept its credentials. Only under {@link
     * SecurityMode#SASL_SCRAM}; a no-op otherwise, since principals then come from certificates or are anonymous.
     */
    public void createUser(String user, String password) {
        if (options.security() != SecurityMode.SASL_SCRAM) {
            return;
        }
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user + " on " + name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ScramLogins.await(name(), clientProperties(user, password), user);
    }

    /** Creates ACL bindings with the super user. */
    public void createAcls(Collection<AclBinding> acls) {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create ACLs on " + name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops one node (its broker and its controller) without moving leadership first, as a crash would, and keeps its
     * log directory, so that {@link #startNode(int)} brings it back with its data. For failure tests: a partition
     * whose leader was on the node fails over (or goes offline); the controller fences the node after {@code
     * broker.session.timeout.ms}. Every node is a controller too, so a 3-node cluster keeps its quorum with one node
     * stopped, and loses it (no metadata changes, no elections) while two are.
     */
    public synchronized void stopNode(int node) {
        KafkaRaftServer server = server(node);
        if (server == null) {
            throw new IllegalStateException("node " + node + " of " + name() + " is already stopped");
        }
        server.shutdown();
        server.awaitShutdown();
        servers.set(node, null);
        log.info("cluster {}: node {} stopped", name(), node);
    }

    /** Starts a node stopped by {@link #stopNode(int)} again, on its ports and with its data; returns once it runs. */
    public synchronized void startNode(int node) {
        if (server(node) != null) {
            throw new IllegalStateException("node " + node + " of " + name() + " is running");
        }
        KafkaRaftServer server = new KafkaRaftServer(nodeConfigs.get(node), Time.SYSTEM);
        server.startup();
        servers.set(node, server);
        log.info("cluster {}: node {} started again", name(), node);
    }

    private KafkaRaftServer server(int node) {
        if (node < 0 || node >= servers.size()) {
            throw new IllegalArgumentException(name() + " has nodes 0 to " + (servers.size() - 1) + ", not " + node);
        }
        return servers.get(node);
    }

    /** Stops every node, then deletes the cluster's directories. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> stops = servers.stream()
                .filter(java.util.Objects::nonNull) // nodes stopped by stopNode
                .map(server -> Parallel.run(() -> {
                    try {
                        server.shutdown();
                        server.awaitShutdown();
                    } catch (RuntimeException e) {
                        log.warn("error stopping a node of {}: {}", options.name(), e.toString());
                    }
                }))
                .toList();
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("cluster {} did not stop cleanly: {}", options.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (jmx != null) {
            jmx.close();
        }
        TempDirs.deleteQuietly(baseDir);
    }

    @Override
    public String toString() {
        return "EmbeddedCluster[" + name() + ", " + bootstrapServers() + ", " + options.security() + "]";
    }
}
