package dev.cutover.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.SecurityMode;
import dev.cutover.sandbox.estate.SeededClient.Role;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class EstatePlanTest {

    @Test
    void everyClientHasADistinctClientIdAndKnownTopics() {
        var clients = EstatePlan.clients(SecurityMode.NONE);
        Set<String> topics = EstatePlan.TOPICS.stream().map(EstateTopic::name).collect(Collectors.toSet());

        assertThat(clients).extracting(SeededClient::clientId).doesNotHaveDuplicates();
        assertThat(clients).allSatisfy(c -> assertThat(topics).containsAll(c.topics()));
        assertThat(clients).extracting(SeededClient::role).contains(Role.values());
        assertThat(clients).allSatisfy(c -> assertThat(c.principal()).isEqualTo("User:ANONYMOUS"));
        assertThat(EstatePlan.clients(SecurityMode.MTLS).get(0).principal()).isEqualTo("User:CN=orders-api");
    }

    @Test
    void aclsAreLeastPrivilege() {
        var clients = EstatePlan.clients(SecurityMode.SASL_SCRAM);

        var billing = EstatePlan.acls(byId(clients, EstatePlan.BILLING));
        assertThat(billing)
                .extracting(EstatePlanTest::describe)
                .containsExactlyInAnyOrder("TOPIC:payments:LITERAL:READ", "GROUP:billing:LITERAL:READ");

        var payments = EstatePlan.acls(byId(clients, EstatePlan.PAYMENTS_PRODUCER));
        assertThat(payments)
                .extracting(EstatePlanTest::describe)
                .containsExactlyInAnyOrder(
                        "TOPIC:payments:LITERAL:WRITE",
                        "TOPIC:payments:LITERAL:DESCRIBE",
                        "TOPIC:audit.log:LITERAL:WRITE",
                        "TOPIC:audit.log:LITERAL:DESCRIBE",
                        "TRANSACTIONAL_ID:payments-service-tx:LITERAL:WRITE",
                        "TRANSACTIONAL_ID:payments-service-tx:LITERAL:DESCRIBE");

        var streams = EstatePlan.acls(byId(clients, EstatePlan.ORDER_COUNTS_APP));
        assertThat(streams)
                .filteredOn(a -> a.pattern().patternType() == PatternType.PREFIXED)
                .extracting(a -> a.entry().operation())
                .containsExactlyInAnyOrder(
                        AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE);
        assertThat(clients.stream().flatMap(c -> EstatePlan.acls(c).stream()))
                .noneMatch(a -> a.pattern().resourceType() == ResourceType.CLUSTER)
                .noneMatch(a -> a.entry().operation() == AclOperation.ALL);
    }

    private static SeededClient byId(java.util.List<SeededClient> clients, String clientId) {
        return clients.stream()
                .filter(c -> c.clientId().equals(clientId))
                .findFirst()
                .orElseThrow();
    }

    private static String describe(AclBinding acl) {
        return acl.pattern().resourceType() + ":" + acl.pattern().name() + ":"
                + acl.pattern().patternType() + ":" + acl.entry().operation();
    }
}
