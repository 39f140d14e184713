package dev.cutover.link.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** Which source ACLs a link of some topics copies, and the reason given for each one it does not (no broker). */
class AclScopeTest {
    // A read-only inventory user: wildcard rights on everything, as the sandbox's `cutover` user holds them.
    private static final AclBinding INVENTORY_TOPICS = acl(ResourceType.TOPIC, "*", "User:cutover", AclOperation.READ);
    private static final AclBinding INVENTORY_GROUPS =
            acl(ResourceType.GROUP, "*", "User:cutover", AclOperation.DESCRIBE);
    private static final AclBinding INVENTORY_TX =
            acl(ResourceType.TRANSACTIONAL_ID, "*", "User:cutover", AclOperation.DESCRIBE);
    // Clients of the linked topic `payments`.
    private static final AclBinding PAYMENTS_WRITE =
            acl(ResourceType.TOPIC, "payments", "User:payments-service", AclOperation.WRITE);
    private static final AclBinding PAYMENTS_TX =
            acl(ResourceType.TRANSACTIONAL_ID, "payments-service-tx", "User:payments-service", AclOperation.WRITE);
    private static final AclBinding BILLING_READ =
            acl(ResourceType.TOPIC, "payments", "User:billing", AclOperation.READ);
    private static final AclBinding BILLING_GROUP =
            acl(ResourceType.GROUP, "billing", "User:billing", AclOperation.READ);
    // Another team's client, of a topic that is not linked.
    private static final AclBinding CLICKS_READ =
            acl(ResourceType.TOPIC, "clickstream", "User:analytics", AclOperation.READ);
    private static final AclBinding CLICKS_GROUP =
            acl(ResourceType.GROUP, "analytics", "User:analytics", AclOperation.READ);
    private static final List<AclBinding> SOURCE = List.of(
            INVENTORY_TOPICS,
            INVENTORY_GROUPS,
            INVENTORY_TX,
            PAYMENTS_WRITE,
            PAYMENTS_TX,
            BILLING_READ,
            BILLING_GROUP,
            CLICKS_READ,
            CLICKS_GROUP);

    @Test
    void onlyTheLinkedTopicsClientsAclsAreCopied() {
        AclScope scope = AclScope.of(AclSyncOptions.all().onlyTopics(Set.of("payments")), SOURCE);

        assertThat(SOURCE.stream().filter(b -> scope.whyNotCopied(b).isEmpty()))
                .containsExactlyInAnyOrder(PAYMENTS_WRITE, PAYMENTS_TX, BILLING_READ, BILLING_GROUP);
    }

    @Test
    void theInventoryUsersWildcardRulesAreSkippedWithTheirReason() {
        AclScope scope = AclScope.of(AclSyncOptions.all().onlyTopics(Set.of("payments")), SOURCE);

        assertThat(scope.whyNotCopied(INVENTORY_TX)).hasValueSatisfying(why -> assertThat(why)
                .contains("User:cutover has no ACL on a linked topic", "TRANSACTIONAL_ID rights"));
        assertThat(scope.whyNotCopied(INVENTORY_GROUPS))
                .hasValueSatisfying(why -> assertThat(why).contains("GROUP rights do not belong to what is linked"));
        assertThat(scope.whyNotCopied(INVENTORY_TOPICS))
                .hasValueSatisfying(why -> assertThat(why).contains("wildcard grant on every topic"));
        assertThat(scope.whyNotCopied(CLICKS_READ)).contains("not about a synced topic");
        assertThat(scope.whyNotCopied(CLICKS_GROUP))
                .hasValueSatisfying(why -> assertThat(why).contains("User:analytics has no ACL on a linked topic"));
    }

    @Test
    void aPrefixedTopicAclMakesItsPrincipalAClient() {
        AclBinding streamsTopics = new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "orders-", PatternType.PREFIXED),
                new AccessControlEntry("User:streams", "*", AclOperation.ALL, AclPermissionType.ALLOW));
        AclBinding streamsGroup = acl(ResourceType.GROUP, "orders-app", "User:streams", AclOperation.READ);
        AclScope scope = AclScope.of(
                AclSyncOptions.all().onlyTopics(Set.of("orders-counts")), List.of(streamsTopics, streamsGroup));
        assertThat(scope.whyNotCopied(streamsTopics)).isEmpty();
        assertThat(scope.whyNotCopied(streamsGroup)).isEmpty();
    }

    @Test
    void withoutATopicRestrictionEveryTopicGroupAndTransactionalIdAclIsCopied() {
        AclScope scope = AclScope.of(AclSyncOptions.all().mappingPrincipals(Map.of()), SOURCE);
        assertThat(SOURCE).allMatch(b -> scope.whyNotCopied(b).isEmpty());
        AclBinding cluster = new AclBinding(
                new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                new AccessControlEntry("User:cutover", "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW));
        assertThat(scope.whyNotCopied(cluster))
                .hasValueSatisfying(why -> assertThat(why).contains("CLUSTER ACLs"));
    }

    private static AclBinding acl(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
