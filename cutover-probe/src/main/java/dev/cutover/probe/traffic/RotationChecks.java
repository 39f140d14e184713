package dev.cutover.probe.traffic;

import dev.cutover.config.ConnectionProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Credential rotation, with the workload's old client config and the new one ({@code --rotated-client-config}): the
 * new credential logs in and holds the same permissions (the checks of {@link SecurityChecks}, named for the rotated
 * credential), and both work side by side. With {@code exercise}, a SCRAM password change of one user is carried out
 * on the target and undone: see {@link ScramRotation}.
 */
final class RotationChecks {
    static final String SIDE_BY_SIDE = "security: both credentials work side by side";
    static final String ROTATION = "security: credential rotation";

    private final SecurityChecks security;
    private final ConnectionProfile old;
    private final ConnectionProfile rotated;

    RotationChecks(SecurityChecks security, ConnectionProfile old, ConnectionProfile rotated) {
        this.security = security;
        this.old = old;
        this.rotated = rotated;
    }

    /**
     * The rotation's checks. {@code probeAdmin} (cutover's own target profile, whose principal is {@code
     * probePrincipal}, e.g. {@code User:cutover}) changes the password only when {@code exercise} is set.
     */
    List<ProbeCheck> run(SecurityChecks.Needs needs, boolean exercise, Admin probeAdmin, String probePrincipal) {
        Map<String, Object> oldProps = old.clientProperties();
        Map<String, Object> newProps = rotated.clientProperties();
        Optional<String> mechanism = SecurityChecks.scramMechanism(oldProps)
                .filter(m -> m.equals(SecurityChecks.scramMechanism(newProps).orElse("")));
        Optional<String> oldUser = SecurityChecks.username(oldProps);
        boolean sameScramUser =
                mechanism.isPresent() && oldUser.isPresent() && oldUser.equals(SecurityChecks.username(newProps));
        List<ProbeCheck> checks = new ArrayList<>();
        if (sameScramUser) {
            if (!exercise) {
                checks.add(ProbeCheck.skipped(
                        ROTATION,
                        ProbeArea.IDENTITY,
                        "the old and the new config log in as the same " + mechanism.get() + " user "
                                + oldUser.get() + ": the target keeps one password per user and mechanism, so both"
                                + " cannot work side by side; rotate to a second user, or pass --exercise-rotation"
                                + " to change the password on the target and back"));
                return checks;
            }
            return new ScramRotation(security, oldProps, newProps, mechanism.get(), oldUser.get())
                    .run(needs, probeAdmin, probePrincipal);
        }
        if (exercise) {
            checks.add(ProbeCheck.skipped(
                    ScramRotation.NAME,
                    ProbeArea.IDENTITY,
                    mechanism.isEmpty()
                            ? "--exercise-rotation changes SCRAM passwords only; with certificates, install the new"
                                    + " keystore on the application, then remove the old certificate's ACLs"
                            : "--exercise-rotation changes the password of one SCRAM user; the configs name two"
                                    + " users: remove the old user's credential once the application runs with the"
                                    + " new one"));
        }
        Optional<ProbeCheck> certificate =
                ClientCertificate.check(newProps, Instant.now(), "security: the rotated client certificate is valid");
        certificate.ifPresent(checks::add);
        List<ProbeCheck> identity =
                security.identity(newProps, needs, SecurityChecks.Names.ROTATED, certificate.filter(c -> !c.ok()));
        checks.addAll(identity);
        if (identity.get(0).status() == ProbeCheck.Status.PASS) {
            checks.add(sideBySide(oldProps, newProps));
        } else {
            checks.add(ProbeCheck.unknown(
                    SIDE_BY_SIDE,
                    ProbeArea.IDENTITY,
                    "not run: the rotated credential does not log in",
                    "see the failed check of the rotated credential"));
        }
        return checks;
    }

    /** An Admin of the old credential and one of the new both answer after the other logged in. */
    private ProbeCheck sideBySide(Map<String, Object> oldProps, Map<String, Object> newProps) {
        String oldWho = SecurityChecks.who(oldProps);
        String newWho = SecurityChecks.who(newProps);
        try (Admin oldAdmin = Admin.create(oldProps);
                Admin newAdmin = Admin.create(newProps)) {
            Optional<String> failed = answers(oldAdmin, "the old credential (" + oldWho + ") did not log in")
                    .or(() -> answers(newAdmin, "the new credential (" + newWho + ") did not log in"))
                    .or(() -> answers(
                            oldAdmin, "the old credential's client stopped answering once the new one logged in"))
                    .or(() -> answers(newAdmin, "the new credential's client stopped answering"));
            if (failed.isPresent()) {
                return ProbeCheck.fail(
                        SIDE_BY_SIDE,
                        ProbeArea.IDENTITY,
                        failed.get(),
                        "keep the old credential until every instance of the workload runs with the new one");
            }
            return ProbeCheck.pass(
                    SIDE_BY_SIDE,
                    ProbeArea.IDENTITY,
                    "a client of the old credential (" + oldWho + ") and one of the new (" + newWho
                            + ") were connected at once, and each answered describeCluster after the other logged"
                            + " in");
        } catch (KafkaException e) {
            return ProbeCheck.fail(
                    SIDE_BY_SIDE,
                    ProbeArea.IDENTITY,
                    "no client can be made of the old or the new config: " + Failures.describe(e),
                    "fix the client config");
        }
    }

    private Optional<String> answers(Admin admin, String what) {
        return answers(admin, what, security.timeoutMs());
    }

    /** Empty when {@code admin} answers describeCluster within {@code ms}; else {@code what} and why. */
    static Optional<String> answers(Admin admin, String what, int ms) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .clusterId()
                    .get(ms, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.of(what + ": no answer within " + Duration.ofMillis(ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(what + ": interrupted");
        } catch (Exception e) {
            return Optional.of(what + ": "
                    + TlsFailures.explain(e).map(TlsFailures.Explained::details).orElse(Failures.describe(e)));
        }
    }
}
