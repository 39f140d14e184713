package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The one mapping of failures to exit codes: only a bug exits 4. */
class ExitCodeHandlerTest {
    @Test
    void aCutoverExceptionExitsWithItsReasonAndPrintsItsHint() {
        StringWriter err = new StringWriter();

        int code = ExitCodeHandler.report(
                new CutoverException(Reason.CHECK_FAILED, "two partitions stopped", "see link status"),
                new PrintWriter(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error: two partitions stopped", "what to do: see link status");
    }

    @Test
    void kafkaClientFailuresAreTheEnvironmentsNotBugs() {
        assertThat(report(new ExecutionException(new TimeoutException("Timed out waiting for a node"))))
                .isEqualTo(3);
        assertThat(report(new KafkaException(
                        "Failed to create new KafkaAdminClient",
                        new KafkaException(
                                "Failed to create new NetworkClient",
                                new IllegalArgumentException("JAAS config entry not terminated by semi-colon")))))
                .isEqualTo(2);
        assertThat(report(new SaslAuthenticationException("Authentication failed: Invalid username or password")))
                .isEqualTo(3);
    }

    @Test
    void anythingElseIsABugAndSaysSo() {
        StringWriter err = new StringWriter();

        int code = ExitCodeHandler.report(new IllegalStateException("oops"), new PrintWriter(err));

        assertThat(code).isEqualTo(Reason.INTERNAL.exitCode());
        assertThat(err.toString()).contains("internal error", "a bug in cutover");
    }

    private static int report(Throwable failure) {
        return ExitCodeHandler.report(failure, new PrintWriter(new StringWriter()));
    }
}
