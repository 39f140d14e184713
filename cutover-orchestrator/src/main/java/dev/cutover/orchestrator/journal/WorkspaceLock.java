package dev.cutover.orchestrator.journal;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One wave run per workspace at a time: an exclusive operating-system lock on {@code journal/run.lock}, held for the
 * whole run. The operating system releases it when the process ends, however it ends (a SIGKILL included), so a crash
 * never leaves a stale lock for an operator to clear. The file also names the holder (user, host, pid, since when)
 * for the error a second run gets. How runs from two machines are kept apart: {@code docs/decisions/0002}.
 */
public final class WorkspaceLock implements AutoCloseable {
    public static final String FILE = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WorkspaceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails with a usage error naming the run that holds it.
     *
     * @param what what this run is about to do, written into the lock file for others to read
     */
    public static WorkspaceLock acquire(Path workspace, String what) {
        Path file = workspace.resolve(Journal.DIR).resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already holds it (a second run in the same process)
            }
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new CutoverException(
                        Reason.USAGE,
                        "another cutover run holds this workspace's wave lock (" + file + "): " + holder,
                        "wait for it to end (see `cutover wave status`), or stop it; only one wave run per workspace");
            }
            byte[] text =
                    (Who.current() + " since " + Instant.now() + ": " + what + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(true);
            return new WorkspaceLock(channel, lock);
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.USAGE, "cannot lock " + file + ": " + e.getMessage(), "check the workspace is writable", e);
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "a process that has not written its name yet" : text;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ending releases it anyway
        }
    }
}
