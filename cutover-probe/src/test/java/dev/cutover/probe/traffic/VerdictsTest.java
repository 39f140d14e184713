package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    @Test
    void aMissingPermissionIsNamedAndAnAbsentAnswerIsUnknownNeverAPass() {
        Set<AclOperation> needed = Set.of(AclOperation.WRITE, AclOperation.DESCRIBE);

        ProbeCheck missing =
                SecurityChecks.verdict("c", needed, Set.of(AclOperation.DESCRIBE, AclOperation.READ), "TOPIC payments");
        ProbeCheck all = SecurityChecks.verdict("c", needed, Set.of(AclOperation.ALL), "TOPIC payments");
        ProbeCheck none = SecurityChecks.verdict("c", needed, null, "TOPIC payments");

        assertThat(missing.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(missing.details()).isEqualTo("missing WRITE on TOPIC payments");
        assertThat(all.status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(none.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
    }

    @Test
    void exitCodesAndAreaVerdicts() {
        ProbeCheck pass = ProbeCheck.pass("p", ProbeArea.PROTOCOL, "");
        ProbeCheck skipped = ProbeCheck.skipped("s", ProbeArea.PROTOCOL, "single broker");
        ProbeCheck unknown = ProbeCheck.unknown("u", ProbeArea.TOPICS, "no answer", "");
        ProbeCheck onlySkipped = ProbeCheck.skipped("i", ProbeArea.IDENTITY, "no client config");

        ProbeReport ok = report(List.of(pass, skipped, onlySkipped), false);
        ProbeReport notOk = report(List.of(pass, unknown), false);

        assertThat(ok.exitCode()).isZero();
        assertThat(notOk.exitCode()).isEqualTo(1);
        assertThat(report(List.of(), true).exitCode()).isEqualTo(3);
        assertThat(ok.byArea()).containsOnlyKeys(ProbeArea.PROTOCOL);
        assertThat(ProbeReport.areaPassed(List.of(pass, skipped))).isTrue();
        assertThat(ProbeReport.areaPassed(List.of(skipped))).isFalse();
        assertThat(ProbeReport.areaPassed(List.of(pass, unknown))).isFalse();
        assertThat(Map.copyOf(notOk.byArea())).containsKeys(ProbeArea.PROTOCOL, ProbeArea.TOPICS);
    }

    @Test
    void probeNamesAreLegalAndTheGuardRefusesEveryOtherTopic() {
        ProbeTopics names = new ProbeTopics("Payments App", "0a1b2c3d");

        assertThat(names.topic(0)).isEqualTo("__cutover-probe-payments_app-0a1b2c3d-0");
        assertThat(names.requireProbeTopic(names.topic(1))).isEqualTo(names.topic(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> names.requireProbeTopic("payments"))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> names.requireProbeTopic("__cutover-probe-payments_app-ffffffff-0"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whoNamesTheMechanismAndUserButNeverThePassword() {
        String who = SecurityChecks.who(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"app\""
                                + " password=\"s3cret-pw\";"));

        assertThat(who).isEqualTo("SASL_SSL SCRAM-SHA-512 as user app").doesNotContain("s3cret");
    }

    private static ProbeReport report(List<ProbeCheck> checks, boolean unreachable) {
        return new ProbeReport("w", "T", "4.3.1", Instant.EPOCH, 1, List.of(), checks, unreachable);
    }
}
