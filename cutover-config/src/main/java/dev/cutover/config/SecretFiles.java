package dev.cutover.config;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Keeps secrets out of {@code cutover.yaml}: writes them to {@code DIR/.secrets/<profile>.properties} (mode 0600,
 * directory 0700, ignored by git) and returns {@code ${file:.secrets/<profile>.properties:<key>}} references,
 * relative to the workspace (see {@link WorkspacePaths}), that Kafka's {@code FileConfigProvider} resolves when a
 * client is built. A workspace kept in git so works wherever it is cloned, once its {@code .secrets/} is filled.
 */
public final class SecretFiles {
    public static final String SECRETS_DIR = ".secrets";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {}

    /** Writes the secrets and returns, per key, the reference to put in {@code cutover.yaml}. */
    public static Map<String, String> write(Path workspaceDir, String profile, Map<String, String> secrets) {
        Path dir = workspaceDir.toAbsolutePath().normalize().resolve(SECRETS_DIR);
        Path file = dir.resolve(profile + ".properties");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                setPermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            Properties properties = new Properties();
            properties.putAll(secrets);
            StringWriter text = new StringWriter();
            properties.store(text, "secrets of profile " + profile + "; keep out of git");
            AtomicFiles.write(file, text.toString(), OWNER_ONLY);
            setPermissions(file, OWNER_ONLY);
            ensureGitIgnored(workspaceDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        Map<String, String> references = new LinkedHashMap<>();
        String relative = SECRETS_DIR + "/" + file.getFileName();
        secrets.keySet().forEach(key -> references.put(key, "${file:" + relative + ":" + key + "}"));
        return references;
    }

    /** Adds {@code .secrets/} to {@code DIR/.gitignore} unless it is there already. */
    static void ensureGitIgnored(Path workspaceDir) throws IOException {
        Path gitignore = workspaceDir.resolve(".gitignore");
        String entry = SECRETS_DIR + "/";
        if (!Files.exists(gitignore)) {
            AtomicFiles.write(gitignore, entry + "\n");
            return;
        }
        String content = Files.readString(gitignore, StandardCharsets.UTF_8);
        if (content.lines().map(String::trim).noneMatch(l -> l.equals(entry) || l.equals(SECRETS_DIR))) {
            String separator = content.isEmpty() || content.endsWith("\n") ? "" : "\n";
            AtomicFiles.write(gitignore, content + separator + entry + "\n");
        }
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
