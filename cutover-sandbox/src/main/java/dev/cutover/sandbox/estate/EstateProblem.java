package dev.cutover.sandbox.estate;

import java.time.Instant;

/**
 * A client of the estate that failed permanently and stopped (transient errors are retried and never reported here).
 *
 * @param client the failing client's {@code client.id}
 * @param at when it gave up
 * @param error the exception's class and message
 */
public record EstateProblem(String client, Instant at, String error) {
    static EstateProblem of(String client, Throwable error) {
        return new EstateProblem(client, Instant.now(), error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    @Override
    public String toString() {
        return client + " failed at " + at + ": " + error;
    }
}
