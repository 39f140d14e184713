package dev.cutover.sandbox.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.sandbox.SecurityMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LegacyClusterScramIT {

    @Test
    void scramUsersNeedAclsAndWrongPasswordsAreRefused() throws Exception {
        // Given a 3.9.1 broker with SCRAM-SHA-512 and AclAuthorizer, a topic and a user without ACLs
        long start = System.nanoTime();
        try (LegacyCluster cluster =
                LegacyCluster.start("legacy-scram", LegacyOptions.defaults().withSecurity(SecurityMode.SASL_SCRAM))) {
            System.out.printf("legacy SCRAM cluster ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(cluster.security()).isEqualTo(SecurityMode.SASL_SCRAM);
            try (Admin admin = Admin.create(cluster.adminClientProperties())) {
                admin.createTopics(List.of(new NewTopic("payments", 1, (short) 1)))
                        .all()
                        .get();
            }
            cluster.createUser("alice", "alice-secret");

            // When alice produces without an ACL, Then she is refused
            assertThatThrownBy(() -> produce(cluster.clientProperties("alice", "alice-secret")))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);

            // When she gets WRITE on the topic, Then she may produce
            try (Admin admin = Admin.create(cluster.adminClientProperties())) {
                admin.createAcls(List.of(new AclBinding(
                                new ResourcePattern(ResourceType.TOPIC, "payments", PatternType.LITERAL),
                                new AccessControlEntry(
                                        "User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                        .all()
                        .get();
            }
            produce(cluster.clientProperties("alice", "alice-secret"));

            // And a wrong password fails authentication
            assertThatThrownBy(() -> produce(cluster.clientProperties("alice", "wrong")))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static void produce(Map<String, Object> clientProps) throws ExecutionException, InterruptedException {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("payments", "k", "v")).get();
        }
    }
}
