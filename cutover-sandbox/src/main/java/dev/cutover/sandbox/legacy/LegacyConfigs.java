package dev.cutover.sandbox.legacy;

import dev.cutover.sandbox.BrokerDefaults;
import dev.cutover.sandbox.SecurityMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration files of a legacy cluster's child JVMs. */
final class LegacyConfigs {
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    static final String ADMIN_USER = "admin";

    private LegacyConfigs() {}

    static Map<String, String> zooKeeper(Path zkDir, int zkPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dataDir", zkDir.resolve("data").toString());
        p.put("clientPort", Integer.toString(zkPort));
        p.put("clientPortAddress", "127.0.0.1");
        p.put("tickTime", "2000");
        p.put("maxClientCnxns", "0");
        p.put("admin.enableServer", "false");
        return p;
    }

    /**
     * One broker for one node. Under {@link SecurityMode#SASL_SCRAM} the single listener is SASL_PLAINTEXT with
     * SCRAM-SHA-512, also between brokers (as {@value #ADMIN_USER}, a super user whose credential is written to
     * ZooKeeper before the broker starts), with {@code AclAuthorizer} denying what no ACL allows.
     */
    static Map<String, String> broker(
            Path brokerDir, int brokerPort, int zkPort, SecurityMode security, String adminPassword) {
        String protocol = security == SecurityMode.SASL_SCRAM ? "SASL_PLAINTEXT" : "PLAINTEXT";
        String listener = protocol + "://127.0.0.1:" + brokerPort;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("broker.id", "0");
        p.put("listeners", listener);
        p.put("advertised.listeners", listener);
        p.put("zookeeper.connect", "127.0.0.1:" + zkPort);
        p.put("log.dirs", brokerDir.resolve("data").toString());
        p.putAll(BrokerDefaults.forReplicas(1));
        p.put("num.partitions", "1");
        if (security == SecurityMode.SASL_SCRAM) {
            p.put("security.inter.broker.protocol", "SASL_PLAINTEXT");
            p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            p.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
            p.put(
                    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                    BrokerDefaults.scramJaas(ADMIN_USER, adminPassword));
            p.put("authorizer.class.name", "kafka.security.authorizer.AclAuthorizer");
            p.put("super.users", "User:" + ADMIN_USER);
            p.put("allow.everyone.if.no.acl.found", "false");
        }
        return p;
    }

    static Path writeLog4j(Path dir) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("log4j.rootLogger", "INFO, stdout");
        p.put("log4j.appender.stdout", "org.apache.log4j.ConsoleAppender");
        p.put("log4j.appender.stdout.layout", "org.apache.log4j.PatternLayout");
        p.put("log4j.appender.stdout.layout.ConversionPattern", "[%d] %p %m (%c)%n");
        p.put("log4j.logger.kafka.request.logger", "WARN");
        p.put("log4j.logger.state.change.logger", "WARN");
        p.put("log4j.logger.org.apache.zookeeper", "WARN");
        return write(dir.resolve("log4j.properties"), p);
    }

    /** Writes a properties file; values are escaped for {@link java.util.Properties#load}. */
    static Path write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) ->
                text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        return Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }
}
