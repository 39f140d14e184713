package dev.cutover.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class WorkerTest {

    @Test
    void retriesTransientErrorsThenKeepsWorking() {
        // Given a client whose first two sessions fail with a retriable error
        List<EstateProblem> problems = new CopyOnWriteArrayList<>();
        AtomicInteger sessions = new AtomicInteger();
        Worker worker = new Worker("flaky", problems::add) {
            @Override
            protected void session() {
                if (sessions.incrementAndGet() <= 2) {
                    throw new NetworkException("broker not there yet");
                }
                while (pause(Duration.ofMillis(10))) {
                    progressed(1);
                }
            }
        };

        // When it runs for a while and is stopped
        worker.start();
        awaitProgress(worker);
        worker.stop();

        // Then it recovered, reported nothing and its thread ended
        assertThat(worker.join(Duration.ofSeconds(5))).isTrue();
        assertThat(sessions.get()).isEqualTo(3);
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsAFatalErrorAndStops() {
        List<EstateProblem> problems = new CopyOnWriteArrayList<>();
        Worker worker = new Worker("fenced", problems::add) {
            @Override
            protected void session() {
                throw new ProducerFencedException("another instance took over");
            }
        };

        worker.start();

        assertThat(worker.join(Duration.ofSeconds(5))).isTrue();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.client()).isEqualTo("fenced");
            assertThat(p.error()).contains("ProducerFencedException", "another instance took over");
        });
    }

    @Test
    void authorizationErrorsAreRetriedOnlyDuringTheGracePeriod() {
        var denied = new TopicAuthorizationException("denied");
        assertThat(Failures.isFatal(denied, Duration.ofSeconds(1))).isFalse();
        assertThat(Failures.isFatal(denied, Failures.GRACE.plusSeconds(1))).isTrue();
        assertThat(Failures.isFatal(new NetworkException("x"), Duration.ofHours(1)))
                .isFalse();
    }

    private static void awaitProgress(Worker worker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (worker.progress() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(worker.progress()).isGreaterThanOrEqualTo(5);
    }
}
