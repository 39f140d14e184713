package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        if (!Files.isRegularFile(configFile)) {
            throw new CutoverException(
                    Reason.CONFIG_NOT_FOUND,
                    "no " + CONFIG_FILE + " in workspace " + dir.toAbsolutePath(),
                    "run `cutover sandbox up --workspace " + dir + "` or write one; see README");
        }
        CutoverConfig config = CutoverYamlParser.parse(dir, configFile, read(configFile));
        Path workloadsFile = dir.resolve(WORKLOADS_FILE);
        WorkloadManifest workloads = Files.isRegularFile(workloadsFile)
                ? WorkloadsYamlParser.parse(workloadsFile, read(workloadsFile))
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

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "cannot read " + file + ": " + e.getClass().getSimpleName(),
                    "check that the file is readable UTF-8 text",
                    e);
        }
    }
}
