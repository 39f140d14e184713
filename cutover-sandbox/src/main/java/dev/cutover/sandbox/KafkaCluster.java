package dev.cutover.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * A running Kafka cluster started by the sandbox: embedded in this JVM ({@link EmbeddedCluster}) or an older broker in
 * child JVMs. Closing it stops every process it started and deletes its directories.
 */
public interface KafkaCluster extends AutoCloseable {
    /** The name the sandbox gave it, e.g. {@code source}. */
    String name();

    /** Bootstrap servers for clients, {@code host:port[,host:port]}. */
    String bootstrapServers();

    String clusterId();

    /** The broker's Kafka version, e.g. {@code 4.3.1}. */
    String kafkaVersion();

    /** Which security the client listener has. */
    SecurityMode security();

    /**
     * Client properties (bootstrap and security, no serializers) of a super user that may do everything: for admin
     * clients and seeding.
     */
    Map<String, Object> adminClientProperties();

    /**
     * Client properties (bootstrap and security) for the given principal. Under {@link SecurityMode#NONE} the user is
     * ignored. The user must exist (see {@link EmbeddedCluster#createUser}).
     */
    Map<String, Object> clientProperties(String user, String password);

    /** A JMX service URL that exposes the brokers' metrics, if one is configured. */
    Optional<String> jmxUrl();

    @Override
    void close();
}
