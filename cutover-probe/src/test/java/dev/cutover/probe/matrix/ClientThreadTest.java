package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.probe.traffic.ProbeCheck.Status;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ClientThreadTest {

    @Test
    void aClientThatHangsFailsAtItsDeadlineNamingTheStep() {
        // Given a client that produced, then hangs while consuming (a latch nobody counts down)
        CountDownLatch never = new CountDownLatch(1);
        ClientTask hangs = p -> {
            p.step(MatrixCheck.PRODUCE, "producing");
            p.pass(MatrixCheck.PRODUCE);
            p.step(MatrixCheck.CONSUME, "consuming");
            never.await();
        };

        // When
        long t0 = System.nanoTime();
        MatrixRow row =
                ClientThread.run(new ClientSpec.KafkaJava("2.8.2"), hangs, new Progress(), Duration.ofMillis(300), t0);

        // Then
        assertThat(row.status()).isEqualTo(Status.FAIL);
        assertThat(row.summary()).isEqualTo("produce pass, consume fail, commit unknown, headers unknown");
        assertThat(row.details()).startsWith("2.8.2: no answer within 0 s while consuming");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aClientThatThrowsFailsWithItsOwnMessage() {
        ClientTask throwsAtCommit = p -> {
            p.pass(MatrixCheck.PRODUCE);
            p.pass(MatrixCheck.CONSUME);
            p.step(MatrixCheck.COMMIT, "committing");
            throw new java.util.concurrent.ExecutionException(new IllegalStateException("coordinator not available"));
        };

        MatrixRow row = ClientThread.run(
                new ClientSpec.KafkaJava("3.9.1"), throwsAtCommit, new Progress(), Duration.ofSeconds(5), 0);

        assertThat(row.status()).isEqualTo(Status.FAIL);
        assertThat(row.summary()).isEqualTo("produce pass, consume pass, commit fail, headers unknown");
        assertThat(row.details())
                .isEqualTo("3.9.1: committing failed: IllegalStateException: coordinator not available");
    }
}
