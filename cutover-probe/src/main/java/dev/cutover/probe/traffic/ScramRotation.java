package dev.cutover.probe.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;

/**
 * The rotation of one SCRAM user's password, carried out on the target ({@code --exercise-rotation}) with cutover's
 * own principal, which needs {@code ALTER} on {@code CLUSTER}: a client of the old password is connected; the
 * password is changed to the new one; a client that connects with the new config logs in and holds the workload's
 * permissions, one with the old password is refused, and the client connected before the change still answers.
 * Then the old password is set again, so that the run leaves the target's credentials as it found them.
 *
 * <p>It is destructive while it runs: an instance of the workload that (re)connects to the target with the old
 * password during those seconds is refused. Every wait is bounded by the profile's timeout.
 */
final class ScramRotation {
    static final String NAME = "security: credential rotation exercised";
    private static final int ITERATIONS = 4096;

    private final SecurityChecks security;
    private final Map<String, Object> oldProps;
    private final Map<String, Object> newProps;
    private final ScramMechanism mechanism;
    private final String user;

    ScramRotation(
            SecurityChecks security,
            Map<String, Object> oldProps,
            Map<String, Object> newProps,
            String mechanism,
            String user) {
        this.security = security;
        this.oldProps = oldProps;
        this.newProps = newProps;
        this.mechanism = ScramMechanism.fromMechanismName(mechanism);
        this.user = user;
    }

    List<ProbeCheck> run(SecurityChecks.Needs needs, Admin probeAdmin, String probePrincipal) {
        List<ProbeCheck> checks = new ArrayList<>();
        Optional<String> oldPassword = SecurityChecks.password(oldProps);
        Optional<String> newPassword = SecurityChecks.password(newProps);
        if (mechanism == ScramMechanism.UNKNOWN || oldPassword.isEmpty() || newPassword.isEmpty()) {
            checks.add(ProbeCheck.skipped(
                    NAME, ProbeArea.IDENTITY, "both configs need a SCRAM-SHA-256/512 password in sasl.jaas.config"));
            return checks;
        }
        if (oldPassword.equals(newPassword)) {
            checks.add(ProbeCheck.skipped(
                    NAME,
                    ProbeArea.IDENTITY,
                    "both configs have the same password for user " + user + ": nothing to" + " rotate"));
            return checks;
        }
        String what = mechanism.mechanismName() + " password of user " + user;
        try (Admin before = Admin.create(oldProps)) {
            Optional<String> oldDown =
                    RotationChecks.answers(before, "the old password does not log in", security.timeoutMs());
            if (oldDown.isPresent()) {
                checks.add(ProbeCheck.unknown(NAME, ProbeArea.IDENTITY, "not exercised: " + oldDown.get(), ""));
                return checks;
            }
            int iterations = iterations(probeAdmin);
            Optional<Exception> changed = upsert(probeAdmin, newPassword.get(), iterations);
            if (changed.isPresent()) {
                checks.add(refused(changed.get(), what, probePrincipal));
                return checks;
            }
            try {
                long t0 = System.nanoTime();
                Optional<String> newIn = await(newProps, true);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                List<ProbeCheck> identity =
                        security.identity(newProps, needs, SecurityChecks.Names.ROTATED, Optional.empty());
                checks.addAll(identity);
                Optional<String> oldOut = await(oldProps, false);
                Optional<String> held = RotationChecks.answers(before, "", security.timeoutMs());
                List<String> problems = new ArrayList<>();
                newIn.ifPresent(p -> problems.add("the new password did not log in after the change: " + p));
                oldOut.ifPresent(p -> problems.add("the old password still logs in after the change: " + p));
                if (problems.isEmpty()) {
                    checks.add(ProbeCheck.pass(
                            NAME,
                            ProbeArea.IDENTITY,
                            "changed the " + what + " on the target; a client with the new config logged in "
                                    + ms + " ms later, the old password was refused"
                                    + (held.isEmpty()
                                            ? ", and the client connected before the change still answered"
                                            : "; the client connected before the change stopped answering"
                                                    + held.get())));
                } else {
                    checks.add(ProbeCheck.fail(
                            NAME,
                            ProbeArea.IDENTITY,
                            String.join("; ", problems),
                            "check that every broker of the target serves SCRAM credentials from the metadata log"));
                }
            } finally {
                checks.add(restore(probeAdmin, oldPassword.get(), iterations, what));
            }
        } catch (KafkaException e) {
            checks.add(ProbeCheck.unknown(
                    NAME,
                    ProbeArea.IDENTITY,
                    "not exercised: no client can be made of the old config: " + Failures.describe(e),
                    "fix the client config"));
        }
        return checks;
    }

    /** Sets the user's password to the old one again and waits until it logs in. */
    private ProbeCheck restore(Admin probeAdmin, String oldPassword, int iterations, String what) {
        String name = "security: credential rotation undone";
        Optional<Exception> failed = upsert(probeAdmin, oldPassword, iterations);
        Optional<String> back = failed.isPresent() ? Optional.empty() : await(oldProps, true);
        if (failed.isEmpty() && back.isEmpty()) {
            return ProbeCheck.pass(name, ProbeArea.IDENTITY, "the " + what + " is the old one again, and logs in");
        }
        return ProbeCheck.fail(
                name,
                ProbeArea.IDENTITY,
                "the " + what + " on the target may still be the NEW one: "
                        + failed.map(Failures::describe).orElse(back.orElse("")),
                "set it back (kafka-configs --alter --add-config '" + mechanism.mechanismName()
                        + "=[password=...]' --entity-type users --entity-name " + user
                        + ") or move the workload to the new config");
    }

    /** The user's iteration count for the mechanism, kept through the change; 4096 when it cannot be read. */
    private int iterations(Admin probeAdmin) {
        try {
            return probeAdmin
                    .describeUserScramCredentials(List.of(user))
                    .description(user)
                    .get(security.timeoutMs(), TimeUnit.MILLISECONDS)
                    .credentialInfos()
                    .stream()
                    .filter(i -> i.mechanism() == mechanism)
                    .mapToInt(ScramCredentialInfo::iterations)
                    .findFirst()
                    .orElse(ITERATIONS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ITERATIONS;
        } catch (Exception e) {
            return ITERATIONS;
        }
    }

    private Optional<Exception> upsert(Admin probeAdmin, String password, int iterations) {
        try {
            probeAdmin
                    .alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(mechanism, iterations), password)))
                    .all()
                    .get(security.timeoutMs(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(e);
        } catch (Exception e) {
            return Optional.of(e);
        }
    }

    private ProbeCheck refused(Exception e, String what, String probePrincipal) {
        if (Failures.is(e, ClusterAuthorizationException.class)) {
            return ProbeCheck.skipped(
                    NAME,
                    ProbeArea.IDENTITY,
                    "not exercised: cutover's target profile (" + probePrincipal + ") may not change the " + what
                            + "; grant it ALTER on CLUSTER: kafka-acls --add --allow-principal " + probePrincipal
                            + " --operation Alter --cluster; or rotate by hand");
        }
        return ProbeCheck.unknown(
                NAME,
                ProbeArea.IDENTITY,
                "not exercised: changing the " + what + " failed: " + Failures.describe(e),
                "the password is unchanged unless the target applied it late: check that the old one logs in");
    }

    /**
     * Empty once a fresh client of {@code props} logs in ({@code accepted}) or is refused with an authentication error
     * (not {@code accepted}) within the profile's timeout: brokers apply a changed credential from the metadata log a
     * moment after the change. Else what it saw last.
     */
    private Optional<String> await(Map<String, Object> props, boolean accepted) {
        long deadline =
                System.nanoTime() + Duration.ofMillis(security.timeoutMs()).toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            int ms = (int) Math.max(1, Math.min(security.timeoutMs(), (deadline - System.nanoTime()) / 1_000_000));
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                        .clusterId()
                        .get(ms, TimeUnit.MILLISECONDS);
                if (accepted) {
                    return Optional.empty();
                }
                last = "it logged in";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            } catch (Exception e) {
                if (!accepted && Failures.is(e, AuthenticationException.class)) {
                    return Optional.empty();
                }
                last = Failures.describe(e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100); // a backoff between attempts, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.of(last);
    }
}
