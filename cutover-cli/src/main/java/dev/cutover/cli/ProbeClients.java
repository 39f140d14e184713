package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.SavedSoftware;
import dev.cutover.probe.matrix.ClientJars;
import dev.cutover.probe.matrix.ClientSpec;
import dev.cutover.readiness.evidence.EvidenceStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code probe}'s client-version matrix options: which clients, where their jars come from. */
final class ProbeClients {
    private static final Pattern JAVA_CLIENT = Pattern.compile("apache-kafka-java/(\\d+\\.\\d+\\.\\d+(\\.\\d+)?)");

    @Option(
            names = "--clients",
            arity = "0..1",
            fallbackValue = ClientSpec.DEFAULT_LIST,
            paramLabel = "LIST",
            description = "Also run the client-version matrix: kafka-clients versions and/or kcat, comma-separated"
                    + " (without a LIST: " + ClientSpec.DEFAULT_LIST + "). The workload's own kafka-clients"
                    + " version, when its evidence or the last inventory (reports/inventory.json) names one, is"
                    + " always added.")
    String clients;

    @Option(
            names = "--clients-dir",
            paramLabel = "DIR",
            description = "Offline: take kafka-clients jars from DIR/<version>/*.jar instead of downloading them.")
    Path clientsDir;

    @Option(
            names = "--clients-repo",
            paramLabel = "URL",
            defaultValue = "${env:CUTOVER_CLIENTS_REPO:-" + ClientJars.MAVEN_CENTRAL + "}",
            description = "The Maven repository kafka-clients versions are downloaded from (default: ${DEFAULT-VALUE};"
                    + " env CUTOVER_CLIENTS_REPO).")
    String repository;

    @Option(
            names = "--clients-cache",
            paramLabel = "DIR",
            description = "Where downloaded clients are kept, one directory per version (default:"
                    + " ~/.cache/cutover/clients; env CUTOVER_CLIENTS_CACHE).")
    Path cache;

    /** The clients asked for, plus the workload's own version; empty without {@code --clients}. */
    List<ClientSpec> specs(Optional<String> workloadVersion) {
        if (clients == null) {
            return List.of();
        }
        List<ClientSpec> specs;
        try {
            specs = new ArrayList<>(ClientSpec.parseList(clients));
        } catch (IllegalArgumentException e) {
            throw new CutoverException(
                    Reason.USAGE,
                    "--clients: " + e.getMessage(),
                    "name kafka-clients versions as on Maven Central (e.g. " + ClientSpec.DEFAULT_LIST + ")");
        }
        workloadVersion
                .map(ClientSpec.KafkaJava::new)
                .filter(v -> !specs.contains(v))
                .ifPresent(specs::add);
        return specs;
    }

    ClientJars jars(java.time.Duration timeout) {
        Path dir = cache;
        if (dir == null) {
            String env = System.getenv("CUTOVER_CLIENTS_CACHE");
            dir = env == null || env.isBlank() ? ClientJars.defaultCache() : Path.of(env);
        }
        return new ClientJars(Optional.ofNullable(clientsDir), dir, repository, timeout);
    }

    /**
     * The workload's own kafka-clients version: as named by its evidence in the workspace
     * ({@code clientSoftware=apache-kafka-java/3.9.1}, the detail readiness reads), else as the last saved inventory
     * ({@code reports/inventory.json}) attributed it from the brokers (KIP-511). It only chooses a client to test.
     */
    static Optional<String> workloadVersion(Path workspaceDir, String workload) {
        Optional<String> named;
        try {
            named = EvidenceStore.load(workspaceDir).stream()
                    .map(s -> s.evidence())
                    .filter(e -> workload.equals(e.workload()))
                    .map(e -> e.details().getOrDefault("clientSoftware", ""))
                    .map(ProbeClients::javaVersion)
                    .flatMap(Optional::stream)
                    .reduce((a, b) -> b);
        } catch (RuntimeException e) {
            named = Optional.empty();
        }
        if (named.isPresent()) {
            return named;
        }
        return SavedSoftware.of(workspaceDir.resolve(Workspace.REPORTS_DIR).resolve("inventory.json"), workload)
                .stream()
                .map(ProbeClients::javaVersion)
                .flatMap(Optional::stream)
                .reduce((a, b) -> b);
    }

    private static Optional<String> javaVersion(String software) {
        Matcher m = JAVA_CLIENT.matcher(software.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
