package dev.cutover.testkit.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A workspace for wave tests: cutover.yaml with the two clusters and a link copying one topic, workloads.yaml with one
 * consumer workload switched by its {@link ClientApp}'s file and script, and plan.yaml with one consumer-first wave.
 */
public final class WaveWorkspace {
    private WaveWorkspace() {}

    public static void write(Path ws, String sourceBootstrap, String targetBootstrap, String workload, ClientApp app)
            throws IOException {
        Path rel = ws.relativize(app.dir);
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n"
                        + "  source:\n    properties:\n      bootstrap.servers: " + sourceBootstrap + "\n"
                        + "    timeout: 20s\n"
                        + "  target:\n    properties:\n      bootstrap.servers: " + targetBootstrap + "\n"
                        + "    timeout: 20s\n"
                        + "links:\n  default:\n    topics: " + app.topic + "\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n"
                        + "  - name: " + workload + "\n    owner: team-" + workload + "\n    roles: [consumer]\n"
                        + "    topics: [" + app.topic + "]\n"
                        + "    offsets: translate\n    match:\n      groupId: " + app.group + "\n"
                        + "    switch:\n      file: " + rel.resolve("client.properties") + "\n"
                        + "      command: [sh, " + rel.resolve("switch.sh") + "]\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-1\n    pattern: consumer-first\n    workloads:\n      - " + workload
                        + "\n");
    }
}
