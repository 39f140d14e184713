package dev.cutover.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The end of a child process's log, for the error that says why it did not start or ended. */
public final class LogTails {
    private LogTails() {}

    /** The last {@code maxLines} lines of the file's last 32 KiB, or why it cannot be read. */
    public static String tail(Path path, int maxLines) {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long start = Math.max(0, file.length() - 32_768);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines =
                    new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join(
                    System.lineSeparator(), lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + path + ": " + e.getMessage() + ")";
        }
    }
}
