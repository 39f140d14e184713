package dev.cutover.orchestrator.switching;

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
            throw new UncheckedIOException("cannot create the switcher's state directory " + dir, e);
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
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
