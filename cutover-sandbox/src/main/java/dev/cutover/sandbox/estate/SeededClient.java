package dev.cutover.sandbox.estate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Kafka client that a seeded estate started: the expected truth for inventory tests, the demo and the sample
 * {@code workloads.yaml}.
 *
 * @param name the service-level name, e.g. {@code fulfillment}
 * @param role what kind of client it is
 * @param clientId the {@code client.id} it connects with (for Streams the prefix of its internal clients' ids)
 * @param groupId the consumer group, for consumers and Streams (where it equals the application id)
 * @param groupProtocol {@code classic} or {@code consumer} (KIP-848), for group members
 * @param transactionalId the {@code transactional.id}, for transactional producers
 * @param applicationId the {@code application.id}, for Streams applications
 * @param principal the principal the client authenticates as, e.g. {@code User:billing} or {@code User:ANONYMOUS}
 * @param consumes topics it reads
 * @param produces topics it writes
 * @param settings the notable settings it runs with (acks, isolation.level, enable.auto.commit, ...)
 */
public record SeededClient(
        String name,
        Role role,
        String clientId,
        Optional<String> groupId,
        Optional<String> groupProtocol,
        Optional<String> transactionalId,
        Optional<String> applicationId,
        String principal,
        List<String> consumes,
        List<String> produces,
        Map<String, String> settings) {

    /** Kinds of clients in an estate. */
    public enum Role {
        PRODUCER,
        IDEMPOTENT_PRODUCER,
        TRANSACTIONAL_PRODUCER,
        CONSUMER,
        /** A group with committed offsets and no members (its consumer committed once, then left). */
        EMPTY_GROUP,
        STREAMS
    }

    public SeededClient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(principal, "principal");
        consumes = List.copyOf(consumes);
        produces = List.copyOf(produces);
        settings = Map.copyOf(settings);
    }

    /** Every topic the client touches, reads first. */
    public List<String> topics() {
        return Stream.concat(consumes.stream(), produces.stream()).distinct().toList();
    }
}
