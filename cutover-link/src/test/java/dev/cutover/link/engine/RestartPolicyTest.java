package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private final RestartPolicy policy = RestartPolicy.defaults();

    @Test
    void anUnreachableClusterIsFinalBeforeTheLinkEverCopiedAndRetriedAfter() {
        CutoverException unreachable = new CutoverException(Reason.CLUSTER_UNREACHABLE, "no answer", null);

        assertThat(policy.fatal(unreachable, false)).contains(unreachable);
        assertThat(policy.fatal(unreachable, true)).isEmpty();
    }

    @Test
    void aClientTimeoutBeforeTheLinkEverCopiedIsExit3AndRetriedOnceItRan() {
        TimeoutException timeout = new TimeoutException("Timed out waiting for a node assignment");

        assertThat(policy.fatal(timeout, false)).get().isInstanceOfSatisfying(CutoverException.class, e -> assertThat(
                        e.exitCode())
                .isEqualTo(3));
        assertThat(policy.fatal(timeout, true)).isEmpty();
    }

    @Test
    void whatNeedsAPersonIsFinal() {
        for (Reason reason : Set.of(Reason.CONFIG_INVALID, Reason.USAGE, Reason.CHECK_FAILED)) {
            CutoverException e = new CutoverException(reason, "x", null);
            assertThat(policy.fatal(e, true)).as(reason.name()).contains(e);
        }
    }

    @Test
    void refusalsAnywhereInTheCauseChainBecomeExit3WithWhatWasRefused() {
        Throwable wrapped = new KafkaException("send failed", new TopicAuthorizationException(Set.of("orders")));

        var fatal = policy.fatal(wrapped, true);

        assertThat(fatal).get().isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.AUTHORIZATION_FAILED);
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).contains("topic(s) [orders]");
        });
        assertThat(policy.fatal(new SaslAuthenticationException("bad password"), true))
                .get()
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED));
    }

    @Test
    void aSettingKafkaRejectsIsAConfigurationError() {
        Throwable e = new KafkaException("Failed to construct kafka producer", new ConfigException("bad value"));

        assertThat(policy.fatal(e, true)).get().isInstanceOfSatisfying(CutoverException.class, ce -> assertThat(
                        ce.exitCode())
                .isEqualTo(2));
    }

    @Test
    void otherFailuresAreRetriedWithABackOffThatDoublesUpToItsCap() {
        assertThat(policy.fatal(new TimeoutException("request timed out"), true))
                .isEmpty();
        assertThat(policy.fatal(new IllegalStateException("the target refused a record"), false))
                .isEmpty();
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RestartPolicy.never().budget()).isZero();
    }
}
