package dev.cutover.cli.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where cutover logs, made safe before log4j starts (log4j would follow a symlink and create world-readable files).
 *
 * <p>The directory is the first of: {@code -Dcutover.log.dir}, {@code $CUTOVER_LOG_DIR}, {@code
 * $XDG_STATE_HOME/cutover/logs}, {@code ~/.local/state/cutover/logs}. It must be a real directory (not a symlink)
 * owned by the user running cutover; it is created with mode 0700 and an existing one is set to 0700. A {@code
 * cutover*.log} file in it that is a symlink or not a regular file is removed (only the user can write there, so
 * nothing can put it back before log4j opens the file). log4j then creates the files with mode 0600.
 *
 * <p>When the directory cannot be used, cutover still runs: logging is switched off for the run ({@code
 * cutover.log.appender=none}) and one line on stderr says where it would have logged and why.
 */
public final class LogDirectory {
    public static final String DIR_PROPERTY = "cutover.log.dir";
    public static final String DIR_ENV = "CUTOVER_LOG_DIR";
    static final String APPENDER_PROPERTY = "cutover.log.appender";
    static final String FILE_NAME = "cutover.log";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static volatile Optional<Path> active = Optional.empty();

    private LogDirectory() {}

    /** Chooses and secures the directory, sets the properties log4j2.xml reads; call before the first logger. */
    public static Optional<Path> prepare(Map<String, String> env, PrintStream err) {
        Path dir = choose(env);
        try {
            secure(dir);
            System.setProperty(DIR_PROPERTY, dir.toString());
            active = Optional.of(dir.resolve(FILE_NAME));
        } catch (IOException | RuntimeException e) {
            System.setProperty(APPENDER_PROPERTY, "none");
            active = Optional.empty();
            err.println("cutover: not logging this run: cannot use " + dir + " for logs (" + e.getMessage() + "); set "
                    + DIR_ENV + " or -D" + DIR_PROPERTY + " to a directory of yours");
        }
        return active;
    }

    /** The log file of this run, if logging is on (for messages that point at it). */
    public static Optional<Path> file() {
        return active;
    }

    static Path choose(Map<String, String> env) {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String variable = env.get(DIR_ENV);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable).toAbsolutePath();
        }
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("cutover").resolve("logs");
    }

    static void secure(Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("it is a symbolic link");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectory(dir);
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("it is not a directory");
        }
        if (posix) {
            PosixFileAttributes attributes = Files.getFileAttributeView(
                            dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            String me = System.getProperty("user.name");
            if (!attributes.owner().getName().equals(me)) {
                throw new IOException("it belongs to " + attributes.owner().getName() + ", not to " + me);
            }
            if (!attributes.permissions().equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean ours = name.startsWith("cutover") && name.endsWith(".log");
                if (ours && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException(file + " is a directory");
                    }
                    Files.delete(file);
                } else if (ours && posix) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("it is not writable");
        }
    }
}
