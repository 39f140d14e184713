package dev.cutover.orchestrator.switching;

import dev.cutover.api.CutoverException;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.InputFiles;
import dev.cutover.config.Redactor;
import dev.cutover.config.SwitchSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code switch: file: PATH}: points a client at a cluster by rewriting its {@code .properties} or YAML file
 * ({@link PropertiesRewriter}, {@link YamlRewriter}) with the connection settings of the context's profile
 * ({@link ConnectionSettings}: secrets as references, never their values). Everything else in the file is kept byte
 * for byte. {@code stop} does nothing: a file alone does not stop a client.
 *
 * <p>Invariants: the file is replaced atomically (readers see the old content or the new); before the first rewrite
 * its content is kept in {@code STATE/file/original-NAME}, which no later rewrite replaces, and before each rewrite in
 * {@code STATE/file/previous-NAME}; a rewrite that changes nothing writes nothing (a resumed wave may repeat it). A
 * link is followed: the file it names is rewritten, the link stays.
 */
public final class FileSwitcher implements Switcher {
    private final String file;

    /** @param file the client file as {@code switch: file:} names it, relative to the workspace or absolute */
    public FileSwitcher(String file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public String file() {
        return file;
    }

    @Override
    public SwitchOutcome stop(SwitchContext context) {
        return SwitchOutcome.done(
                "nothing to stop: a file alone does not stop a client (" + file + " is rewritten at start)",
                Map.of("file", file, "action", "stop"));
    }

    @Override
    public SwitchOutcome start(SwitchContext context) {
        Path path = resolve(context);
        String before = new String(read(context, path), StandardCharsets.ISO_8859_1);
        ConnectionSettings settings = ConnectionSettings.of(context.cluster(), file);
        Rewrite rewrite = SwitchSpec.isYaml(file)
                ? YamlRewriter.rewrite(before, settings, file)
                : PropertiesRewriter.rewrite(before, settings);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("file", file);
        details.put("action", "start");
        details.put("cluster", context.cluster().name());
        details.put("bootstrap.servers", Redactor.redactText(context.cluster().bootstrapServers()));
        if (rewrite.text().equals(before)) {
            details.put("changed", "no");
            return SwitchOutcome.done(
                    file + " already points at " + context.cluster().name() + ": nothing to change", details);
        }
        Path dir = StateFiles.directory(context.stateDir().resolve("file"));
        Path original = dir.resolve("original-" + path.getFileName());
        Path previous = dir.resolve("previous-" + path.getFileName());
        byte[] beforeBytes = before.getBytes(StandardCharsets.ISO_8859_1);
        if (!Files.exists(original)) {
            StateFiles.writing(original, () -> AtomicFiles.write(original, beforeBytes, StateFiles.OWNER_ONLY));
        }
        StateFiles.writing(previous, () -> AtomicFiles.write(previous, beforeBytes, StateFiles.OWNER_ONLY));
        byte[] after = rewrite.text().getBytes(StandardCharsets.ISO_8859_1);
        StateFiles.writing(path, () -> AtomicFiles.write(path, out -> out.write(after)));

        details.put("changed", "yes");
        putNames(details, "keys.changed", rewrite.changed());
        putNames(details, "keys.added", rewrite.added());
        putNames(details, "keys.removed", rewrite.removed());
        details.put("backup.original", original.toString());
        details.put("backup.previous", previous.toString());
        return SwitchOutcome.done(
                "rewrote " + file + " for " + context.cluster().name() + " ("
                        + rewrite.changed().size() + " changed, "
                        + rewrite.added().size() + " added, "
                        + rewrite.removed().size() + " removed; previous"
                        + " content in " + previous + ")",
                details);
    }

    /**
     * Puts back the content the file had before cutover first rewrote it (the {@code original-NAME} backup), byte for
     * byte. For an operator or a rollback that wants the file exactly as it was rather than rewritten for the source.
     */
    public SwitchOutcome restoreOriginal(SwitchContext context) {
        Path path = resolve(context);
        Path original = context.stateDir().resolve("file").resolve("original-" + path.getFileName());
        if (!Files.exists(original)) {
            return SwitchOutcome.done(
                    "nothing to restore: cutover has not rewritten " + file, Map.of("file", file, "action", "restore"));
        }
        byte[] bytes = InputFiles.readBytes(original, InputFiles.MAX_BYTES);
        StateFiles.writing(path, () -> AtomicFiles.write(path, out -> out.write(bytes)));
        return SwitchOutcome.done(
                "restored " + file + " to its content before cutover first rewrote it",
                Map.of("file", file, "action", "restore", "backup.original", original.toString()));
    }

    private Path resolve(SwitchContext context) {
        Path path = context.workspace().resolve(file).normalize();
        try {
            return Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path; // reading it reports what is wrong
        }
    }

    private byte[] read(SwitchContext context, Path path) {
        try {
            return InputFiles.readBytes(path, InputFiles.MAX_BYTES);
        } catch (InputFiles.UnreadableFileException e) {
            throw new CutoverException(
                    e.reason(),
                    "workload '" + context.workload() + "': its switch file " + e.getMessage(),
                    "correct 'switch: file:' in workloads.yaml (relative paths are relative to the workspace "
                            + context.workspace() + ")"
                            + e.hint().map(h -> "; " + h).orElse(""),
                    e);
        }
    }

    private static void putNames(Map<String, String> details, String key, List<String> names) {
        if (!names.isEmpty()) {
            details.put(key, String.join(",", names));
        }
    }
}
