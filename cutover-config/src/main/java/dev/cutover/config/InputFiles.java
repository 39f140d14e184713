package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the files a user hands cutover: {@code cutover.yaml}, {@code workloads.yaml}, {@code plan.yaml}, a profile's
 * {@code propertiesFile}. Rules, documented in {@code docs/hostile-input.md}:
 *
 * <ul>
 *   <li>Regular files only, checked before the file is opened (a link is followed to what it names): a FIFO or a
 *       device would block or never end, a directory is a mistake that must not pass as "no file".
 *   <li>At most {@link #MAX_BYTES}, checked from the file's size before reading and again while reading, so a file
 *       that grows (or claims a wrong size) cannot beat the limit.
 *   <li>UTF-8, strictly: a byte that is not UTF-8 is reported with its line, column and byte offset.
 * </ul>
 *
 * Every failure is an {@link UnreadableFileException} ({@code CONFIG_INVALID}, exit 2) naming the file and never its
 * content.
 */
public final class InputFiles {
    /** The largest workspace file cutover reads: 4 MiB. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    private InputFiles() {}

    /** Whether anything is at {@code file}, a dangling link included: what is present must then be readable. */
    public static boolean present(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** The text of a regular file of at most {@link #MAX_BYTES}, decoded as strict UTF-8. */
    public static String readText(Path file) {
        byte[] bytes = readBytes(file, MAX_BYTES);
        return decode(file, bytes);
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}. Throws {@link UnreadableFileException} for anything
     * else, before opening it if its type or size already says so.
     */
    public static byte[] readBytes(Path file, long maxBytes) {
        requireRegular(file);
        try {
            if (Files.size(file) > maxBytes) {
                throw tooLarge(file, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    if (out.size() > maxBytes) {
                        throw tooLarge(file, maxBytes);
                    }
                }
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UnreadableFileException(
                    file, "cannot be read (" + e.getClass().getSimpleName() + ")", "check that the file is readable");
        }
    }

    /** Fails unless {@code file} is (or links to) a regular file; never opens it. */
    public static void requireRegular(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            String what = present(file) ? "is a link to nothing" : "does not exist";
            throw new UnreadableFileException(file, what, "check the path");
        } catch (IOException e) {
            throw new UnreadableFileException(
                    file, "cannot be read (" + e.getClass().getSimpleName() + ")", "check that the file is readable");
        }
        if (attributes.isRegularFile()) {
            return;
        }
        String kind = attributes.isDirectory() ? "a directory" : "a special file (a FIFO, socket or device)";
        throw new UnreadableFileException(
                file, "is " + kind + ", not a regular file", "point it at an ordinary file; cutover reads only those");
    }

    private static UnreadableFileException tooLarge(Path file, long maxBytes) {
        return new UnreadableFileException(
                file,
                "is larger than " + mebibytes(maxBytes) + ", the limit for the files cutover reads",
                "make the file smaller (split it, or remove what cutover does not need); see docs/hostile-input.md");
    }

    static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    private static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            int column = before.codePointCount(0, before.length()) + 1;
            String problem = "is not UTF-8 text: an invalid byte at line " + line + ", column " + column
                    + " (byte offset " + offset + ")";
            throw new UnreadableFileException(
                    file,
                    file + ":" + line + ":" + column + ": not UTF-8 text: an invalid byte (byte offset " + offset + ")",
                    problem,
                    "save the file as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    /** A file cutover cannot read as its input: {@code CONFIG_INVALID}, exit 2, naming the file and the problem. */
    public static final class UnreadableFileException extends CutoverException {
        private final transient Path file;
        private final String problem;

        UnreadableFileException(Path file, String problem, String fix) {
            super(Reason.CONFIG_INVALID, file + " " + problem, fix);
            this.file = file;
            this.problem = problem;
        }

        UnreadableFileException(Path file, String message, String problem, String fix) {
            super(Reason.CONFIG_INVALID, message, fix);
            this.file = file;
            this.problem = problem;
        }

        public Path file() {
            return file;
        }

        /** What is wrong with the file, after its name ("is a directory, not a regular file"). */
        public String problem() {
            return problem;
        }
    }
}
