package dev.cutover.orchestrator;

import dev.cutover.sandbox.EmbeddedCluster;
import java.nio.file.Files;
import java.nio.file.Path;

/** Workspaces the wave tests share. */
final class WaveWorkspaces {
    private WaveWorkspaces() {}

    /**
     * cutover.yaml (source, target, link default copying orders), workloads.yaml (orders-writer writing orders, shipping
     * reading it, both with a file and a command switcher under apps/), plan.yaml (wave-p: orders-writer,
     * producer-first; wave-c: shipping, consumer-first).
     */
    static void producerAndReader(Path ws, EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n"
                        + "  source:\n    properties:\n      bootstrap.servers: " + source.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "  target:\n    properties:\n      bootstrap.servers: " + target.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "links:\n  default:\n    topics: orders\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n"
                        + "  - name: orders-writer\n    owner: team-orders\n    roles: [producer]\n"
                        + "    topics: [orders]\n    match:\n      clientId: orders-writer-*\n"
                        + "    switch:\n      file: apps/orders-writer/client.properties\n"
                        + "      command: [sh, apps/orders-writer/switch.sh]\n"
                        + "  - name: shipping\n    owner: team-shipping\n    roles: [consumer]\n"
                        + "    topics: [orders]\n    offsets: translate\n    match:\n      groupId: shipping\n"
                        + "    switch:\n      file: apps/shipping/client.properties\n"
                        + "      command: [sh, apps/shipping/switch.sh]\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-p\n    pattern: producer-first\n    workloads:\n"
                        + "      - orders-writer\n  - name: wave-c\n    pattern: consumer-first\n    workloads:\n"
                        + "      - shipping\n");
    }
}
