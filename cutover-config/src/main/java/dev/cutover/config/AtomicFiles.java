package dev.cutover.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Writes files so readers see the old content or the new, never half: the content goes to a temporary file in the
 * same directory, is forced to disk, and is moved over the target with {@code ATOMIC_MOVE}.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    /** What writes a file's content to a stream, for content too large to hold as one string. */
    @FunctionalInterface
    public interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /** As {@link #write(Path, String)}, the content streamed by {@code content} instead of held in memory. */
    public static void write(Path file, Content content) {
        write(file, content, Optional.empty());
    }

    /** As {@link #write(Path, String)}, the file created with these POSIX permissions from its first byte. */
    public static void write(Path file, String content, Set<PosixFilePermission> permissions) {
        write(file, content.getBytes(StandardCharsets.UTF_8), Optional.of(permissions));
    }

    /** These bytes, the file created with these POSIX permissions from its first byte. */
    public static void write(Path file, byte[] bytes, Set<PosixFilePermission> permissions) {
        write(file, bytes, Optional.of(permissions));
    }

    private static void write(Path file, byte[] bytes, Optional<Set<PosixFilePermission>> permissions) {
        write(file, out -> out.write(bytes), permissions);
    }

    private static void write(Path file, Content content, Optional<Set<PosixFilePermission>> permissions) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Optional<Set<PosixFilePermission>> wanted = posix ? permissions.or(() -> keep(target)) : Optional.empty();
            FileAttribute<?>[] attributes = wanted.isPresent()
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(wanted.get())}
                    : new FileAttribute<?>[0];
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attributes);
            if (posix && (permissions.isPresent() || Files.exists(target))) {
                Files.setPosixFilePermissions(temp, wanted.orElseThrow()); // exactly, not narrowed by the umask
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                java.io.OutputStream out = new java.io.BufferedOutputStream(
                        java.nio.channels.Channels.newOutputStream(channel), 64 * 1024);
                content.writeTo(new java.io.FilterOutputStream(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the channel is closed below, after it is forced to disk
                    }
                });
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("this file system cannot replace files atomically: " + dir, e);
            }
            temp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the write already failed and that error is what matters
                }
            }
        }
    }

    /**
     * Without requested permissions, a replaced file keeps its own and a new one gets {@code rw-r--r--} less the
     * umask (a temporary file would otherwise leave it owner-only).
     */
    private static Optional<Set<PosixFilePermission>> keep(Path target) {
        try {
            return Optional.of(
                    Files.exists(target)
                            ? Files.getPosixFilePermissions(target)
                            : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Makes the rename durable where the platform allows syncing a directory (Linux does; others may not). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform; the file itself is already on disk
        }
    }
}
