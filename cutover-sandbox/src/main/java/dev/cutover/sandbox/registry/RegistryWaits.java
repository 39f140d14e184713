package dev.cutover.sandbox.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a registry's API to answer, watching its process. */
final class RegistryWaits {
    private RegistryWaits() {}

    /** Why a server did not get ready: it exited, or the time ran out. */
    static final class NotReady extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean exited;

        NotReady(String message, boolean exited) {
            super(message);
            this.exited = exited;
        }

        boolean exited() {
            return exited;
        }
    }

    /** Polls {@code uri} until it answers 200; fails as soon as the process ends or when {@code timeout} passes. */
    static void awaitReady(Process process, URI uri, Duration timeout) throws NotReady {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new NotReady("exited with status " + process.exitValue() + " before it was ready", true);
            }
            try {
                int status = http.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200) {
                    return;
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReady("was interrupted while starting", false);
            }
            try {
                // Paces the poll; returns at once when the process ends.
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReady("was interrupted while starting", false);
            }
        }
        throw new NotReady(
                "did not answer GET " + uri + " within " + timeout.toSeconds() + " s (last: " + last + ")", false);
    }
}
