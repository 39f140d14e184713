package dev.cutover.readiness.areas;

import static dev.cutover.readiness.areas.Fixture.allow;
import static dev.cutover.readiness.areas.Fixture.allowPrefixed;
import static dev.cutover.readiness.areas.Fixture.deny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.inventory.cluster.ClusterInventory.Acl;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclEvaluatorTest {
    private static final String ALICE = "User:alice";

    private static AclEvaluator.Decision check(List<Acl> acls, Permission needed) {
        return new AclEvaluator(acls).check(ALICE, needed);
    }

    @Test
    void literalAllowGrantsExactlyThatResourceAndOperation() {
        List<Acl> acls = List.of(allow("TOPIC", "orders", ALICE, "READ"));

        assertThat(check(acls, Permission.on("TOPIC", "orders", "READ")))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        assertThat(check(acls, Permission.on("TOPIC", "orders", "WRITE")))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
        assertThat(check(acls, Permission.on("TOPIC", "orders2", "READ")))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
        assertThat(check(acls, Permission.on("GROUP", "orders", "READ")))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
    }

    @Test
    void readWriteDeleteAlterImplyDescribeButDescribeImpliesNothing() {
        for (String op : List.of("READ", "WRITE", "DELETE", "ALTER")) {
            assertThat(check(List.of(allow("TOPIC", "t", ALICE, op)), Permission.on("TOPIC", "t", "DESCRIBE")))
                    .as(op)
                    .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        }
        assertThat(check(List.of(allow("TOPIC", "t", ALICE, "CREATE")), Permission.on("TOPIC", "t", "DESCRIBE")))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
        assertThat(check(List.of(allow("TOPIC", "t", ALICE, "DESCRIBE")), Permission.on("TOPIC", "t", "READ")))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
        assertThat(check(
                        List.of(allow("TOPIC", "t", ALICE, "ALTER_CONFIGS")),
                        Permission.on("TOPIC", "t", "DESCRIBE_CONFIGS")))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
    }

    @Test
    void allCoversEveryOperation() {
        for (String op : List.of("READ", "WRITE", "DESCRIBE", "CREATE", "DELETE")) {
            assertThat(check(List.of(allow("TOPIC", "t", ALICE, "ALL")), Permission.on("TOPIC", "t", op)))
                    .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        }
    }

    @Test
    void prefixedAndWildcardPatternsAndUserStar() {
        assertThat(check(
                        List.of(allowPrefixed("TOPIC", "ord", ALICE, "READ")),
                        Permission.on("TOPIC", "orders", "READ")))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        assertThat(check(
                        List.of(allowPrefixed("TOPIC", "pay", ALICE, "READ")),
                        Permission.on("TOPIC", "orders", "READ")))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
        assertThat(check(List.of(allow("TOPIC", "*", ALICE, "READ")), Permission.on("TOPIC", "anything", "READ")))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        assertThat(check(List.of(allow("TOPIC", "orders", "User:*", "READ")), Permission.on("TOPIC", "orders", "READ")))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        assertThat(check(
                        List.of(allow("TOPIC", "orders", "User:bob", "READ")),
                        Permission.on("TOPIC", "orders", "READ")))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
    }

    @Test
    void aNeededPrefixIsCoveredOnlyByAShorterPrefixOrTheWildcard() {
        Permission internal = Permission.onPrefix("TOPIC", "app-", "CREATE");
        assertThat(check(List.of(allowPrefixed("TOPIC", "app-", ALICE, "CREATE")), internal))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        assertThat(check(List.of(allowPrefixed("TOPIC", "ap", ALICE, "CREATE")), internal))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
        assertThat(check(List.of(allowPrefixed("TOPIC", "app-x", ALICE, "CREATE")), internal))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
        assertThat(check(List.of(allow("TOPIC", "app-changelog", ALICE, "CREATE")), internal))
                .isInstanceOf(AclEvaluator.Decision.NotGranted.class);
        assertThat(check(List.of(allow("TOPIC", "*", ALICE, "CREATE")), internal))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
    }

    @Test
    void denyBeatsAllowAndMatchesAnyPatternOrUserStar() {
        Permission read = Permission.on("TOPIC", "orders", "READ");
        assertThat(check(List.of(allow("TOPIC", "*", ALICE, "ALL"), deny("TOPIC", "orders", ALICE, "READ")), read))
                .isInstanceOf(AclEvaluator.Decision.Denied.class);
        assertThat(check(
                        List.of(allow("TOPIC", "orders", ALICE, "READ"), deny("TOPIC", "orders", "User:*", "ALL")),
                        read))
                .isInstanceOf(AclEvaluator.Decision.Denied.class);
        assertThat(check(
                        List.of(
                                allow("TOPIC", "orders", ALICE, "READ"),
                                new Acl("TOPIC", "ord", "PREFIXED", ALICE, "*", "READ", "DENY")),
                        read))
                .isInstanceOf(AclEvaluator.Decision.Denied.class);
        // A DENY of READ does not deny DESCRIBE: implied operations come from ALLOWs only.
        assertThat(check(
                        List.of(allow("TOPIC", "orders", ALICE, "WRITE"), deny("TOPIC", "orders", ALICE, "READ")),
                        Permission.on("TOPIC", "orders", "DESCRIBE")))
                .isInstanceOf(AclEvaluator.Decision.Allowed.class);
    }

    @Test
    void aDenyOnANameUnderANeededPrefixCounts() {
        assertThat(check(
                        List.of(
                                allowPrefixed("TOPIC", "app-", ALICE, "ALL"),
                                deny("TOPIC", "app-secret", ALICE, "WRITE")),
                        Permission.onPrefix("TOPIC", "app-", "WRITE")))
                .isInstanceOf(AclEvaluator.Decision.Denied.class);
    }

    @Test
    void hostsAreJudgedConservatively() {
        Acl fromOneHost = new Acl("TOPIC", "orders", "LITERAL", ALICE, "10.0.0.1", "READ", "ALLOW");
        assertThat(check(List.of(fromOneHost), Permission.on("TOPIC", "orders", "READ")))
                .isEqualTo(new AclEvaluator.Decision.OnlyFromHosts(List.of("10.0.0.1")));
        Acl denyOneHost = new Acl("TOPIC", "orders", "LITERAL", ALICE, "10.0.0.9", "READ", "DENY");
        assertThat(check(
                        List.of(allow("TOPIC", "orders", ALICE, "READ"), denyOneHost),
                        Permission.on("TOPIC", "orders", "READ")))
                .isInstanceOf(AclEvaluator.Decision.Denied.class);
    }

    @Test
    void servesTellsNeededBindingsFromExtraOnes() {
        List<Permission> needed = List.of(Permission.on("TOPIC", "orders", "READ"));
        assertThat(AclEvaluator.serves(allow("TOPIC", "orders", ALICE, "READ"), needed))
                .isTrue();
        assertThat(AclEvaluator.serves(allow("TOPIC", "payments", ALICE, "READ"), needed))
                .isFalse();
        assertThat(AclEvaluator.serves(allow("TOPIC", "orders", ALICE, "WRITE"), needed))
                .isFalse();
    }
}
