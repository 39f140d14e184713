package dev.cutover.orchestrator;

import dev.cutover.sandbox.EmbeddedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** cutover.yaml for the permission tests: both profiles log in with SASL/SCRAM as one user, its JAAS config in a file. */
final class SecureWorkspace {
    private SecureWorkspace() {}

    /** Writes {@code ws/cutover.yaml} (user {@code user}, password {@code user-secret}) with a link copying {@code topic}. */
    static void cutoverYaml(Path ws, EmbeddedCluster source, EmbeddedCluster target, String user, String topic)
            throws Exception {
        Path secrets = ws.resolve("secrets.properties");
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\""
                + " password=\"" + user + "-secret\";";
        Files.writeString(secrets, "jaas=" + jaas.replace("\"", "\\\"") + "\n");
        StringBuilder yaml = new StringBuilder("version: 1\nclusters:\n");
        for (var side : List.of(Map.entry("source", source), Map.entry("target", target))) {
            yaml.append("  ")
                    .append(side.getKey())
                    .append(":\n    properties:\n")
                    .append("      bootstrap.servers: ")
                    .append(side.getValue().bootstrapServers())
                    .append('\n')
                    .append("      security.protocol: SASL_PLAINTEXT\n      sasl.mechanism: SCRAM-SHA-512\n")
                    .append("      sasl.jaas.config: ${file:")
                    .append(secrets)
                    .append(":jaas}\n    timeout: 20s\n");
        }
        yaml.append("links:\n  default:\n    topics: ").append(topic).append('\n');
        Files.writeString(ws.resolve("cutover.yaml"), yaml.toString());
    }
}
