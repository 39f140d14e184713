package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A workspace directory: {@code cutover.yaml} (connection profiles, required), {@code workloads.yaml} (the
 * manifest, optional) and {@code reports/} (generated). Teams keep it in git; secrets stay out of it as
 * config-provider references (see {@link SecretFiles}).
 */
public record Workspace(Path dir, CutoverConfig config, WorkloadManifest workloads) {
    public static final String CONFIG_FILE = "cutover.yaml";
    public static final String WORKLOADS_FILE = "workloads.yaml";
    public static final String REPORTS_DIR = "reports";

    public Workspace {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(workloads, "workloads");
    }

    /** Reads and validates the workspace; every failure is a {@link CutoverException} naming file:line:column. */
    public static Workspace load(Path dir) {
        Path configFile = dir.resolve(CONFIG_FILE);
        if (!InputFiles.present(configFile)) {
            throw new CutoverException(
                    Reason.CONFIG_NOT_FOUND,
                    "no " + CONFIG_FILE + " in workspace " + dir.toAbsolutePath(),
                    "run `cutover sandbox up --workspace " + dir + "` or write one; see README");
        }
        CutoverConfig config = CutoverYamlParser.parse(dir, configFile, InputFiles.readText(configFile));
        Path workloadsFile = dir.resolve(WORKLOADS_FILE);
        // Present but a directory, a FIFO or a dangling link is an error (InputFiles), not "no manifest".
        WorkloadManifest workloads = InputFiles.present(workloadsFile)
                ? WorkloadsYamlParser.parse(workloadsFile, InputFiles.readText(workloadsFile))
                : WorkloadManifest.empty();
        return new Workspace(dir, config, workloads);
    }

    public Path reportsDir() {
        return dir.resolve(REPORTS_DIR);
    }

    /** The named profile, or a {@code CONFIG_INVALID} error listing the known ones. */
    public ConnectionProfile profile(String name) {
        ConnectionProfile profile = config.clusters().get(name);
        if (profile == null) {
            String known = String.join(", ", config.clusters().keySet());
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "no profile '" + name + "' in " + dir.resolve(CONFIG_FILE) + "; known profiles: " + known,
                    "use one of: " + known + ", or add '" + name + ":' under clusters");
        }
        return profile;
    }
}
