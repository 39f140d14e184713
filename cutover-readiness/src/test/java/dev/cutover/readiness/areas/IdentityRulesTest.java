package dev.cutover.readiness.areas;

import static dev.cutover.readiness.areas.Fixture.allow;
import static dev.cutover.readiness.areas.Fixture.allowPrefixed;
import static dev.cutover.readiness.areas.Fixture.deny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadMatch;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {
    private static final String BILLING = "User:billing";

    private static Fixture billing() {
        Fixture f = new Fixture()
                .bothTopics("payments", 3)
                .group("billing", GroupKind.CONSUMER, "payments")
                .workload(Fixture.consumer("billing", "billing", BILLING, List.of("payments")))
                .user("billing")
                .evidence("billing", Area.IDENTITY, Evidence.ATTESTATION, Evidence.Result.PASS, Map.of());
        f.targetAcls.add(allow("TOPIC", "payments", BILLING, "READ"));
        f.targetAcls.add(allow("GROUP", "billing", BILLING, "READ"));
        return f;
    }

    @Test
    void aConsumerWithReadOnTopicAndGroupIsReady() {
        AreaResult r = billing().area("billing", Area.IDENTITY);
        assertThat(r.verdict()).as(r.findings().toString()).isEqualTo(Verdict.READY);
    }

    @Test
    void eachMissingPermissionIsNamed() {
        Fixture f = billing();
        f.targetAcls.removeIf(a -> a.resourceType().equals("GROUP"));
        AreaResult r = f.area("billing", Area.IDENTITY);
        assertThat(Codes.blocking(r)).containsExactly("ACL-001");
        assertThat(Codes.messages(r, "ACL-001"))
                .singleElement()
                .asString()
                .contains("User:billing lacks READ on GROUP billing");
    }

    @Test
    void aDenyIsNamedWithItsBinding() {
        Fixture f = billing();
        f.targetAcls.add(deny("TOPIC", "payments", "User:*", "READ"));
        AreaResult r = f.area("billing", Area.IDENTITY);
        assertThat(Codes.blocking(r)).containsExactly("ACL-002");
        assertThat(Codes.messages(r, "ACL-002"))
                .singleElement()
                .asString()
                .contains("DENY READ on TOPIC payments for User:*");
    }

    @Test
    void extraPermissionsAreInformation() {
        Fixture f = billing();
        f.targetAcls.add(allow("TOPIC", "orders", BILLING, "WRITE"));
        AreaResult r = f.area("billing", Area.IDENTITY);
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(Codes.messages(r, "ACL-004")).singleElement().asString().contains("ALLOW WRITE on TOPIC orders");
    }

    @Test
    void aProducerNeedsWriteAndTransactionalIds() {
        Workload payments = new Workload(
                "payments",
                "team-payments",
                List.of(Role.PRODUCER),
                List.of("payments"),
                DuplicateTolerance.NONE,
                Optional.empty(),
                Optional.of("x"),
                new WorkloadMatch(List.of(), List.of("payments-tx"), List.of(), List.of("User:payments")));
        Fixture f = new Fixture().bothTopics("payments", 3).workload(payments).user("payments");
        f.targetAcls.add(allow("TOPIC", "payments", "User:payments", "WRITE"));
        AreaResult r = f.area("payments", Area.IDENTITY);
        assertThat(Codes.messages(r, "ACL-001"))
                .containsExactlyInAnyOrder(
                        "User:payments lacks WRITE on TRANSACTIONAL_ID payments-tx on the target; add an ALLOW binding"
                                + " for it",
                        "User:payments lacks DESCRIBE on TRANSACTIONAL_ID payments-tx on the target; add an ALLOW"
                                + " binding for it");
    }

    @Test
    void streamsNeedsItsInternalTopicsPrefix() {
        Workload app = new Workload(
                "counts",
                "team-data",
                List.of(Role.STREAMS),
                List.of("orders", "counts"),
                DuplicateTolerance.REPLAY_OK,
                Optional.empty(),
                Optional.of("x"),
                new WorkloadMatch(List.of("counts-app"), List.of(), List.of(), List.of("User:counts")));
        Fixture f = new Fixture()
                .bothTopics("orders", 1)
                .bothTopics("counts", 1)
                .group("counts-app", GroupKind.STREAMS_APP, "orders")
                .workload(app)
                .user("counts");
        f.targetAcls.add(allow("TOPIC", "orders", "User:counts", "READ"));
        f.targetAcls.add(allow("TOPIC", "counts", "User:counts", "WRITE"));
        f.targetAcls.add(allow("GROUP", "counts-app", "User:counts", "READ"));
        assertThat(Codes.messages(f.area("counts", Area.IDENTITY), "ACL-001"))
                .anySatisfy(m -> assertThat(m).contains("CREATE on TOPIC prefix counts-app-"));
        f.targetAcls.add(allowPrefixed("TOPIC", "counts-app-", "User:counts", "ALL"));
        assertThat(Codes.all(f.area("counts", Area.IDENTITY))).doesNotContain("ACL-001");
    }

    @Test
    void noAclNamingThePrincipalMayBeASuperUser() {
        Fixture f = billing();
        f.targetAcls.clear();
        AreaResult proven = f.area("billing", Area.IDENTITY);
        assertThat(Codes.all(proven)).contains("IDENT-005", "ACL-001");
        assertThat(proven.verdict()).as("runtime evidence shows it works").isEqualTo(Verdict.READY);

        Fixture unproven = billing();
        unproven.targetAcls.clear();
        unproven.evidence.clear();
        AreaResult r = unproven.area("billing", Area.IDENTITY);
        assertThat(Codes.blocking(r)).contains("IDENT-005", "ACL-001", "IDENT-006");
        assertThat(Codes.messages(r, "IDENT-005")).singleElement().asString().contains("super user");
    }

    @Test
    void missingScramUserAndUnknownPrincipal() {
        Fixture f = billing();
        f.targetUsers.clear();
        assertThat(Codes.blocking(f.area("billing", Area.IDENTITY))).containsExactly("IDENT-002");

        Fixture g = new Fixture()
                .bothTopics("payments", 3)
                .workload(new Workload(
                        "anon",
                        "o",
                        List.of(Role.CONSUMER),
                        List.of("payments"),
                        DuplicateTolerance.NONE,
                        Optional.empty(),
                        Optional.empty(),
                        new WorkloadMatch(List.of("anon"), List.of(), List.of(), List.of())));
        assertThat(Codes.blocking(g.area("anon", Area.IDENTITY))).contains("IDENT-001", "IDENT-006");
    }

    @Test
    void aTargetWithoutTlsOrTheSourcesMechanismIsFlagged() {
        Fixture f = billing();
        f.endpoints = new Endpoints("SASL_SSL", "SCRAM-SHA-512", "SASL_PLAINTEXT", "PLAIN", false);
        assertThat(Codes.messages(f.area("billing", Area.IDENTITY), "IDENT-003"))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("clear text"))
                .anySatisfy(m -> assertThat(m).contains("SCRAM-SHA-512", "PLAIN"));
    }

    @Test
    void noAuthorizerMeansNoAclChecks() {
        Fixture f = billing();
        f.targetAcls.clear();
        f.targetAuthorizer = false;
        AreaResult r = f.area("billing", Area.IDENTITY);
        assertThat(Codes.all(r)).contains("IDENT-004").doesNotContain("ACL-001");
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
    }

    private static final Endpoints PLAINTEXT =
            new Endpoints("SASL_PLAINTEXT", "SCRAM-SHA-512", "PLAINTEXT", null, true);

    @Test
    void onAPlaintextTargetAnUnknownPrincipalIsAnonymousAndItsAclsAreChecked() {
        // Given a consumer with no principal, and a PLAINTEXT target granting User:ANONYMOUS what it needs (and more)
        Fixture f = new Fixture()
                .bothTopics("payments", 3)
                .group("anon", GroupKind.CONSUMER, "payments")
                .workload(new Workload(
                        "anon",
                        "o",
                        List.of(Role.CONSUMER),
                        List.of("payments"),
                        DuplicateTolerance.NONE,
                        Optional.empty(),
                        Optional.empty(),
                        new WorkloadMatch(List.of("anon"), List.of(), List.of(), List.of())))
                .evidence("anon", Area.IDENTITY, Evidence.ATTESTATION, Evidence.Result.PASS, Map.of());
        f.endpoints = PLAINTEXT;
        f.targetAcls.add(allow("TOPIC", "payments", "User:ANONYMOUS", "READ"));
        f.targetAcls.add(allow("TOPIC", "other", "User:ANONYMOUS", "WRITE"));

        // When
        AreaResult r = f.area("anon", Area.IDENTITY);

        // Then the principal is known (information, not IDENT-001), and the missing group permission is named for it
        assertThat(Codes.all(r)).doesNotContain("IDENT-001", "ACL-004");
        assertThat(Codes.blocking(r)).containsExactly("IDENT-003", "ACL-001");
        assertThat(Codes.messages(r, "IDENT-007"))
                .singleElement()
                .asString()
                .contains("taken as User:ANONYMOUS", "PLAINTEXT", "same listener");
        assertThat(Codes.messages(r, "ACL-001"))
                .singleElement()
                .asString()
                .contains("User:ANONYMOUS lacks READ on GROUP anon");

        // And with the group granted and the same mechanism on both sides it is ready
        f.targetAcls.add(allow("GROUP", "anon", "User:ANONYMOUS", "READ"));
        f.endpoints = new Endpoints("PLAINTEXT", null, "PLAINTEXT", null, true);
        AreaResult ready = f.area("anon", Area.IDENTITY);
        assertThat(ready.verdict()).as(ready.findings().toString()).isEqualTo(Verdict.READY);
    }

    @Test
    void onAPlaintextTargetADeclaredPrincipalOtherThanAnonymousIsAWarning() {
        Fixture f = billing();
        f.endpoints = new Endpoints("PLAINTEXT", null, "PLAINTEXT", null, true);

        AreaResult r = f.area("billing", Area.IDENTITY);

        assertThat(Codes.blocking(r)).contains("IDENT-008").doesNotContain("IDENT-002");
        assertThat(Codes.messages(r, "IDENT-008"))
                .singleElement()
                .asString()
                .contains("names User:billing", "would be User:ANONYMOUS");
        assertThat(Codes.messages(r, "ACL-001"))
                .as("the checks are for the principal it would have")
                .allSatisfy(m -> assertThat(m).startsWith("User:ANONYMOUS lacks"));
        assertThat(Codes.all(billing().area("billing", Area.IDENTITY)))
                .as("not on a SASL target")
                .doesNotContain("IDENT-007", "IDENT-008");
    }
}
