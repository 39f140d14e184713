package dev.cutover.link.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/** The module's one mapping of Admin failures to reasons. */
class AdminAwaitTest {
    private static final AdminAwait SOURCE = new AdminAwait("source", Duration.ofMillis(50), "grant DESCRIBE");

    @Test
    void noAnswerIsUnreachableNamingTheClusterWhatAndTheTime() {
        assertThatThrownBy(() -> SOURCE.await(new KafkaFutureImpl<>(), "read the log ends"))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
                    assertThat(e.getMessage())
                            .isEqualTo("no answer from the source within 50 ms while trying to read" + " the log ends");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("source", "PT0.05S"));
                });
        // the Admin client's own time-out reads the same
        assertThatThrownBy(() -> SOURCE.await(
                        failed(new org.apache.kafka.common.errors.TimeoutException("Timed out waiting")), "list"))
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                        .startsWith("no answer from the source within 50 ms"));
    }

    @Test
    void refusalsAreAuthorizationOrAuthenticationAndOthersKeepTheirCause() {
        assertThatThrownBy(() -> SOURCE.await(failed(new TopicAuthorizationException("denied")), "describe"))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHORIZATION_FAILED);
                    assertThat(e.hint()).contains("grant DESCRIBE");
                });
        assertThatThrownBy(() -> SOURCE.await(failed(new SaslAuthenticationException("bad login")), "describe"))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED));
        UnknownServerException broken = new UnknownServerException("boom");
        assertThatThrownBy(() -> SOURCE.await(failed(broken), "describe"))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
                    assertThat(e.getCause()).isSameAs(broken);
                    assertThat(e.getMessage()).contains("describe", "source", "boom");
                });
    }

    @Test
    void anItemsOutcomeIsItsFailureNeverAThrow() {
        assertThat(SOURCE.outcome(KafkaFuture.completedFuture(null), SOURCE.deadline()))
                .isEmpty();
        assertThat(SOURCE.outcome(failed(new UnknownServerException("x")), SOURCE.deadline()))
                .containsInstanceOf(UnknownServerException.class);
        assertThat(SOURCE.outcome(new KafkaFutureImpl<>(), System.nanoTime()))
                .containsInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    private static <T> KafkaFuture<T> failed(Throwable cause) {
        KafkaFutureImpl<T> f = new KafkaFutureImpl<>();
        f.completeExceptionally(cause);
        return f;
    }
}
