package dev.cutover.sandbox.estate;

import dev.cutover.sandbox.SecurityMode;
import dev.cutover.sandbox.estate.SeededClient.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What the sample estate consists of — a small online shop — as data: topics, clients (with the settings they really
 * run with) and the least-privilege ACLs each client's principal needs. {@link SampleEstate} starts exactly this.
 */
final class EstatePlan {
    static final String ORDERS = "orders";
    static final String ORDERS_RETRY = "orders.retry";
    static final String ORDERS_DLT = "orders.DLT";
    static final String ORDER_COUNTS = "orders.counts";
    static final String PAYMENTS = "payments";
    static final String AUDIT = "audit.log";
    static final String INVENTORY = "inventory.stock";
    static final String CLICKSTREAM = "clickstream";

    static final String ORDERS_API = "orders-api-producer";
    static final String CLICKSTREAM_PRODUCER = "web-clickstream-producer";
    static final String INVENTORY_PRODUCER = "inventory-sync-producer";
    static final String PAYMENTS_PRODUCER = "payments-service-producer";
    static final String BILLING = "billing-consumer";
    static final String FULFILLMENT = "fulfillment-consumer";
    static final String FULFILLMENT_RETRY_PRODUCER = "fulfillment-retry-producer";
    static final String RETRY_CONSUMER = "orders-retry-consumer";
    static final String DLT_PRODUCER = "orders-dlt-producer";
    static final String ANALYTICS = "clickstream-analytics-consumer";
    static final String AUDIT_ARCHIVER = "audit-archiver";
    static final String ORDER_COUNTS_APP = "orders-analytics-streams";

    static final String TRANSACTIONAL_ID = "payments-service-tx";
    static final String STREAMS_APPLICATION_ID = "orders-analytics";

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    static final List<EstateTopic> TOPICS = List.of(
            new EstateTopic(
                    ORDERS,
                    6,
                    Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(7 * DAY),
                            "segment.bytes", "16777216")),
            new EstateTopic(ORDERS_RETRY, 3, Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(DAY))),
            new EstateTopic(
                    ORDERS_DLT,
                    1,
                    Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(14 * DAY),
                            "max.message.bytes", "2097152")),
            new EstateTopic(
                    ORDER_COUNTS,
                    3,
                    Map.of(
                            "cleanup.policy", "compact",
                            "segment.bytes", "8388608",
                            "delete.retention.ms", Long.toString(HOUR))),
            new EstateTopic(
                    PAYMENTS,
                    3,
                    Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(30 * DAY),
                            "compression.type", "zstd")),
            new EstateTopic(
                    AUDIT,
                    1,
                    Map.of(
                            "cleanup.policy", "compact,delete",
                            "retention.ms", Long.toString(90 * DAY),
                            "max.message.bytes", "524288")),
            new EstateTopic(
                    INVENTORY,
                    3,
                    Map.of(
                            "cleanup.policy", "compact",
                            "min.compaction.lag.ms", "60000",
                            "min.cleanable.dirty.ratio", "0.1",
                            "segment.bytes", "8388608")),
            new EstateTopic(
                    CLICKSTREAM,
                    6,
                    Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(HOUR),
                            "message.timestamp.type", "LogAppendTime",
                            "compression.type", "lz4")));

    private EstatePlan() {}

    /**
     * The estate's clients. {@code users} maps each client's service name to the user it authenticates as; settings
     * listed here are applied to the real clients.
     */
    static List<SeededClient> clients(SecurityMode security) {
        List<SeededClient> c = new ArrayList<>();
        c.add(producer(
                "orders-api",
                Role.IDEMPOTENT_PRODUCER,
                ORDERS_API,
                ORDERS,
                Map.of("acks", "all", "enable.idempotence", "true"),
                security));
        c.add(producer(
                "web-tracker",
                Role.PRODUCER,
                CLICKSTREAM_PRODUCER,
                CLICKSTREAM,
                Map.of("acks", "1", "enable.idempotence", "false", "linger.ms", "5"),
                security));
        c.add(producer(
                "inventory-sync",
                Role.PRODUCER,
                INVENTORY_PRODUCER,
                INVENTORY,
                Map.of("acks", "all", "enable.idempotence", "false"),
                security));
        c.add(new SeededClient(
                "payments-service",
                Role.TRANSACTIONAL_PRODUCER,
                PAYMENTS_PRODUCER,
                Optional.empty(),
                Optional.empty(),
                Optional.of(TRANSACTIONAL_ID),
                Optional.empty(),
                principal("payments-service", security),
                List.of(),
                List.of(PAYMENTS, AUDIT),
                Map.of("acks", "all", "enable.idempotence", "true", "transactional.id", TRANSACTIONAL_ID)));
        c.add(consumer(
                "billing",
                BILLING,
                "billing",
                "consumer",
                PAYMENTS,
                Map.of(
                        "enable.auto.commit",
                        "true",
                        "auto.commit.interval.ms",
                        "1000",
                        "isolation.level",
                        "read_committed"),
                security));
        c.add(consumer(
                "fulfillment",
                FULFILLMENT,
                "fulfillment",
                "classic",
                ORDERS,
                Map.of("enable.auto.commit", "false"),
                security));
        c.add(producer(
                "fulfillment",
                Role.PRODUCER,
                FULFILLMENT_RETRY_PRODUCER,
                ORDERS_RETRY,
                Map.of("acks", "all", "enable.idempotence", "true"),
                security));
        c.add(consumer(
                "orders-retry",
                RETRY_CONSUMER,
                "orders-retry",
                "classic",
                ORDERS_RETRY,
                Map.of("enable.auto.commit", "true", "auto.commit.interval.ms", "1000"),
                security));
        c.add(producer(
                "orders-retry",
                Role.PRODUCER,
                DLT_PRODUCER,
                ORDERS_DLT,
                Map.of("acks", "all", "enable.idempotence", "true"),
                security));
        c.add(consumer(
                "clickstream-analytics",
                ANALYTICS,
                "clickstream-analytics",
                "classic",
                CLICKSTREAM,
                Map.of("enable.auto.commit", "true", "auto.commit.interval.ms", "1000", "max.poll.records", "1"),
                security));
        c.add(new SeededClient(
                "audit-archiver",
                Role.EMPTY_GROUP,
                AUDIT_ARCHIVER,
                Optional.of("audit-archiver"),
                Optional.of("classic"),
                Optional.empty(),
                Optional.empty(),
                principal("audit-archiver", security),
                List.of(AUDIT),
                List.of(),
                Map.of("enable.auto.commit", "false", "isolation.level", "read_committed")));
        c.add(new SeededClient(
                "orders-analytics",
                Role.STREAMS,
                ORDER_COUNTS_APP,
                Optional.of(STREAMS_APPLICATION_ID),
                Optional.of("classic"),
                Optional.empty(),
                Optional.of(STREAMS_APPLICATION_ID),
                principal("orders-analytics", security),
                List.of(ORDERS),
                List.of(ORDER_COUNTS),
                Map.of("processing.guarantee", "at_least_once", "num.stream.threads", "1")));
        return List.copyOf(c);
    }

    /** The principal a service authenticates as under the given security. */
    static String principal(String service, SecurityMode security) {
        return switch (security) {
            case SASL_SCRAM -> "User:" + service;
            case MTLS -> "User:CN=" + service;
            case NONE, SSL -> "User:ANONYMOUS";
        };
    }

    /**
     * The least-privilege ACLs of one client. Producers need WRITE and DESCRIBE on their topics (idempotence needs no
     * IDEMPOTENT_WRITE since KIP-679 when the producer may WRITE some topic); transactional producers also WRITE and
     * DESCRIBE on their transactional id; consumers READ their topics and group (READ implies DESCRIBE); Streams
     * applications also CREATE, DESCRIBE, READ (restore) and WRITE their {@code <application.id>-} prefixed internal
     * topics. Checked against Kafka 4.3.1 by {@code SampleEstateIT}: Streams needs no DESCRIBE_CONFIGS and no CLUSTER
     * ACL, and no producer needs IDEMPOTENT_WRITE.
     */
    static List<AclBinding> acls(SeededClient client) {
        List<AclBinding> acls = new ArrayList<>();
        String p = client.principal();
        for (String topic : client.consumes()) {
            acls.add(allow(p, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
        }
        for (String topic : client.produces()) {
            acls.add(allow(p, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(p, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        client.groupId()
                .ifPresent(g -> acls.add(allow(p, ResourceType.GROUP, g, PatternType.LITERAL, AclOperation.READ)));
        client.transactionalId().ifPresent(t -> {
            acls.add(allow(p, ResourceType.TRANSACTIONAL_ID, t, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(p, ResourceType.TRANSACTIONAL_ID, t, PatternType.LITERAL, AclOperation.DESCRIBE));
        });
        client.applicationId().ifPresent(app -> {
            for (AclOperation op :
                    List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE)) {
                acls.add(allow(p, ResourceType.TOPIC, app + "-", PatternType.PREFIXED, op));
            }
        });
        return acls;
    }

    private static AclBinding allow(
            String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static SeededClient producer(
            String service,
            Role role,
            String clientId,
            String topic,
            Map<String, String> settings,
            SecurityMode security) {
        return new SeededClient(
                service,
                role,
                clientId,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                principal(service, security),
                List.of(),
                List.of(topic),
                settings);
    }

    private static SeededClient consumer(
            String service,
            String clientId,
            String group,
            String protocol,
            String topic,
            Map<String, String> settings,
            SecurityMode security) {
        return new SeededClient(
                service,
                Role.CONSUMER,
                clientId,
                Optional.of(group),
                Optional.of(protocol),
                Optional.empty(),
                Optional.empty(),
                principal(service, security),
                List.of(topic),
                List.of(),
                settings);
    }
}
