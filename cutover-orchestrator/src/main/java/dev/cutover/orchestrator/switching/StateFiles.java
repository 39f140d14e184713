package dev.cutover.orchestrator.switching;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The switchers' files in a workload's state directory: the directory is owner-only ({@code 0700}) and so are the
 * files (backups of client files and generated client properties hold references to secrets, sometimes a secret the
 * original file held inline; command logs hold whatever the command printed).
 */
final class StateFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private StateFiles() {}

    /** Creates {@code dir} (and parents) if missing and makes it owner-only; returns it. */
    static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (posix()) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            }
            return dir;
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    /** Creates an empty owner-only file if none is there (for a log to append to); returns it. */
    static Path ownerOnlyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                if (posix()) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
            } else if (posix()) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            return file;
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /**
     * Runs a write (of a client file, a backup, a generated file) and turns an I/O failure into what the user can act
     * on: the path and the cause, exit 2, instead of an internal error.
     */
    static void writing(Path path, Runnable write) {
        try {
            write.run();
        } catch (UncheckedIOException e) {
            throw cannotWrite(path, e.getCause());
        }
    }

    static CutoverException cannotWrite(Path path, Exception cause) {
        return new CutoverException(
                Reason.CONFIG_INVALID,
                "cannot write " + path + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")",
                "cutover must be able to create files in " + path.getParent()
                        + " and replace this one: check the directory's owner, permissions and free space",
                cause);
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
