package dev.cutover.sandbox.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Downloads one file from a Maven repository, streaming it to disk, checks it against the {@code .sha1} published next
 * to it, and moves it into place atomically: an interrupted or corrupt download never leaves a file that looks
 * complete. The same checks as {@code cutover-probe}'s {@code ClientJars} (which holds small jars in memory); this one
 * streams, for archives of hundreds of megabytes, and reports progress.
 */
final class VerifiedDownload {
    /** At most one progress line per this interval, besides the first and the last. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final HttpClient http;
    private final Duration connectTimeout;

    VerifiedDownload(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Fetches {@code uri} into {@code target} (replacing it), verified against {@code uri + ".sha1"}.
     *
     * @throws IOException naming the URL and what went wrong (HTTP status, checksum mismatch, network error)
     */
    void fetch(URI uri, Path target, Consumer<String> progress) throws IOException {
        String expected = new String(get(URI.create(uri + ".sha1")), StandardCharsets.US_ASCII)
                .trim()
                .split("\\s+")[0]
                .toLowerCase(Locale.ROOT);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            HttpResponse<InputStream> response = send(uri, HttpResponse.BodyHandlers.ofInputStream());
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest sha1 = sha1();
            progress.accept("downloading " + uri + (total > 0 ? " (" + megabytes(total) + ")" : ""));
            long copied = 0;
            long lastReport = System.nanoTime();
            try (InputStream in = response.body();
                    OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    sha1.update(buffer, 0, n);
                    copied += n;
                    if (System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos()) {
                        lastReport = System.nanoTime();
                        progress.accept("downloaded " + megabytes(copied)
                                + (total > 0 ? " of " + megabytes(total) + " (" + (100 * copied / total) + "%)" : ""));
                    }
                }
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equals(expected)) {
                throw new IOException(uri + ": SHA-1 " + actual + " but the repository says " + expected);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            progress.accept("downloaded " + megabytes(copied) + ", SHA-1 verified: " + target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private byte[] get(URI uri) throws IOException {
        return send(uri, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) throws IOException {
        // Bounds connecting and the wait for the response's headers, not the (long) transfer of the body.
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(connectTimeout).GET().build();
        try {
            HttpResponse<T> r = http.send(request, handler);
            if (r.statusCode() != 200) {
                if (r.body() instanceof InputStream in) {
                    in.close();
                }
                throw new IOException(uri + ": HTTP " + r.statusCode());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(uri + ": interrupted", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(uri.toString())) {
                throw e;
            }
            throw new IOException(
                    uri + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String megabytes(long bytes) {
        return (bytes + 500_000) / 1_000_000 + " MB";
    }
}
