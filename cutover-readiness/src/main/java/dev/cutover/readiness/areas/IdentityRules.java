package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.Glob;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Acl;
import dev.cutover.readiness.Area;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Identity and network path: the workload's principal exists on the target with the mechanism the target's listener
 * offers, the listener keeps TLS where the source had it, and the target's ACLs allow at least what the workload does
 * (see {@link RequiredPermissions}, evaluated by {@link AclEvaluator}). The Admin API cannot see super users, so a
 * principal no ACL names rests on runtime evidence; and since a static check is not the real runtime, this area
 * always needs evidence that the workload authenticated and worked against the target.
 */
final class IdentityRules {
    /** The principal of every client of a listener without TLS or SASL. */
    static final String ANONYMOUS = "User:ANONYMOUS";

    private IdentityRules() {}

    static AreaResult evaluate(WorkloadContext c) {
        String subject = "workload " + c.name();
        List<Finding> findings = new ArrayList<>(c.evidenceFindings(Area.IDENTITY));
        ReadinessInput in = c.input();
        ClusterInventory target = in.target();
        Endpoints endpoints = in.endpoints();
        boolean proven = !c.passing(Area.IDENTITY).isEmpty();
        List<String> evidence = new ArrayList<>(c.passingPaths(Area.IDENTITY));
        listener(subject, endpoints, findings);
        Optional<String> principal = targetPrincipal(c, subject, endpoints, findings);
        if (principal.isEmpty()) {
            findings.add(Finding.of(
                    "IDENT-001",
                    Severity.WARNING,
                    subject,
                    "its principal is unknown: add 'principal: User:NAME' to its match in workloads.yaml"));
        }
        principal.ifPresent(p -> scram(subject, p, endpoints, target, findings));
        if (Boolean.FALSE.equals(target.cluster().authorizer())) {
            findings.add(Finding.of(
                    "IDENT-004",
                    Severity.INFO,
                    subject,
                    "the target has no authorizer: ACLs are not enforced, every authenticated principal may do"
                            + " everything"));
        } else if (principal.isPresent()) {
            acls(c, subject, principal.get(), target, proven, findings);
        }
        if (!proven) {
            findings.add(Finding.of(
                    "IDENT-006",
                    Severity.WARNING,
                    subject,
                    "security is not proven from the real runtime: no probe or attestation shows the workload"
                            + " authenticating and working against the target from where it runs; record one with"
                            + " `cutover evidence add --area identity`"));
        }
        evidence.add(in.targetScan());
        return AreaResult.of(Area.IDENTITY, c.owner(), findings, evidence);
    }

    /**
     * The principal the workload has on the target. On a PLAINTEXT target (no TLS, no SASL) every client is {@value
     * #ANONYMOUS}, so that is its principal there, whatever it was on the source ({@code IDENT-007}); a {@code
     * match.principal} naming another is a warning ({@code IDENT-008}): ACLs for that name would not apply. As the
     * rest of the area, this assumes the workload connects to the listener cutover's target profile uses.
     */
    private static Optional<String> targetPrincipal(
            WorkloadContext c, String subject, Endpoints e, List<Finding> findings) {
        if (!e.targetProtocol().equals("PLAINTEXT")) {
            return c.principal();
        }
        findings.add(Finding.of(
                "IDENT-007",
                Severity.INFO,
                subject,
                "the principal on the target is taken as " + ANONYMOUS + ": the target profile is PLAINTEXT (no"
                        + " TLS, no SASL), and every client of such a listener is " + ANONYMOUS + " (assuming the"
                        + " workload uses the same listener as cutover's target profile)"));
        c.workload().match().principals().stream()
                .filter(p -> !Glob.isGlob(p))
                .findFirst()
                .filter(declared -> !declared.equals(ANONYMOUS))
                .ifPresent(declared -> findings.add(Finding.of(
                        "IDENT-008",
                        Severity.WARNING,
                        subject,
                        "match.principal names " + declared + ", but on the PLAINTEXT target it would be "
                                + ANONYMOUS + ": ACLs granted to " + declared + " would not apply to it; give the"
                                + " target a SASL or TLS listener for it, or grant what it needs to " + ANONYMOUS)));
        return Optional.of(ANONYMOUS);
    }

    private static void listener(String subject, Endpoints e, List<Finding> findings) {
        if (Endpoints.tls(e.sourceProtocol()) && !Endpoints.tls(e.targetProtocol())) {
            findings.add(Finding.of(
                    "IDENT-003",
                    Severity.WARNING,
                    subject,
                    "the source is reached over TLS (" + e.sourceProtocol() + ") but the target profile uses "
                            + e.targetProtocol() + ": clients would send data and credentials in clear text;"
                            + " use a TLS listener on the target"));
        }
        if (e.sourceMechanism() != null && !e.sourceMechanism().equals(e.targetMechanism())) {
            findings.add(Finding.of(
                    "IDENT-003",
                    Severity.WARNING,
                    subject,
                    "the source authenticates with SASL " + e.sourceMechanism() + " but the target profile uses "
                            + (e.targetMechanism() == null ? e.targetProtocol() + " without SASL" : e.targetMechanism())
                            + ": the workload's login settings must change, or the target must offer "
                            + e.sourceMechanism()));
        }
    }

    private static void scram(
            String subject, String principal, Endpoints e, ClusterInventory target, List<Finding> findings) {
        if (e.targetMechanism() == null
                || !e.targetMechanism().startsWith("SCRAM-")
                || !principal.startsWith("User:")) {
            return;
        }
        String user = principal.substring("User:".length());
        Optional<ClusterInventory.ScramUser> found =
                target.scramUsers().stream().filter(u -> u.user().equals(user)).findFirst();
        if (found.isEmpty()) {
            findings.add(Finding.of(
                    "IDENT-002",
                    Severity.ERROR,
                    subject,
                    "user " + user + " has no SCRAM credentials on the target: it cannot log in with "
                            + e.targetMechanism() + "; create them (passwords cannot be copied from the source)"));
        } else if (found.get().mechanisms().stream()
                .noneMatch(m -> m.mechanism().equals(e.targetMechanism()))) {
            findings.add(Finding.of(
                    "IDENT-002",
                    Severity.ERROR,
                    subject,
                    "user " + user + " has SCRAM credentials on the target, but not for " + e.targetMechanism()));
        }
    }

    private static void acls(
            WorkloadContext c,
            String subject,
            String principal,
            ClusterInventory target,
            boolean proven,
            List<Finding> findings) {
        AclEvaluator acls = new AclEvaluator(target.acls());
        List<Permission> needed = RequiredPermissions.of(c);
        boolean named = !acls.bindingsOf(principal).isEmpty();
        List<Finding> missing = new ArrayList<>();
        for (Permission p : needed) {
            AclEvaluator.Decision decision = acls.check(principal, p);
            if (decision instanceof AclEvaluator.Decision.Denied denied) {
                missing.add(Finding.of(
                        "ACL-002",
                        Severity.ERROR,
                        subject,
                        principal + " is denied " + p + " on the target by " + describe(denied.binding())
                                + " (DENY beats ALLOW); remove that DENY or change the workload's principal"));
            } else if (decision instanceof AclEvaluator.Decision.OnlyFromHosts hosts) {
                missing.add(Finding.of(
                        "ACL-003",
                        Severity.WARNING,
                        subject,
                        principal + " is allowed " + p + " on the target only from host(s) "
                                + String.join(", ", hosts.hosts())
                                + "; make sure the workload runs there, or allow host *"));
            } else if (decision instanceof AclEvaluator.Decision.NotGranted) {
                missing.add(Finding.of(
                        "ACL-001",
                        Severity.ERROR,
                        subject,
                        principal + " lacks " + p + " on the target; add an ALLOW binding for it"));
            }
        }
        if (!named && !needed.isEmpty()) {
            findings.add(Finding.of(
                    "IDENT-005",
                    proven ? Severity.INFO : Severity.WARNING,
                    subject,
                    "no ACL on the target names " + principal + ": either it may do nothing there, or it is a super"
                            + " user (super.users is invisible to the Admin API); "
                            + (proven
                                    ? "runtime evidence shows it works, so the permissions below are informational"
                                    : "only probe or attestation evidence can tell")));
            if (proven) {
                missing.replaceAll(f -> Finding.of(f.code(), Severity.INFO, f.subject(), f.message()));
            }
        }
        findings.addAll(missing);
        if (principal.equals(ANONYMOUS)) {
            return; // every client of an unauthenticated listener shares its bindings: not this workload's excess
        }
        acls.bindingsOf(principal).stream()
                .filter(a -> a.permission().equals("ALLOW"))
                .filter(a -> !AclEvaluator.serves(a, needed))
                .forEach(a -> findings.add(Finding.of(
                        "ACL-004",
                        Severity.INFO,
                        subject,
                        principal + " also holds " + describe(a) + ", which the workload does not need")));
    }

    static String describe(Acl a) {
        return a.permission() + " " + a.operation() + " on " + a.resourceType() + " "
                + (a.patternType().equals("PREFIXED") ? "prefix " : "") + a.resourceName()
                + (a.host().equals("*") ? "" : " from host " + a.host()) + " for " + a.principal();
    }
}
