package dev.cutover.readiness.areas;

import java.util.Objects;

/**
 * A permission a workload needs: an operation on one resource ({@code prefix == false}) or on every resource whose
 * name starts with {@code name} ({@code prefix == true}, e.g. a Kafka Streams application's internal topics).
 *
 * @param resourceType Kafka's name: {@code TOPIC}, {@code GROUP}, {@code TRANSACTIONAL_ID}, {@code CLUSTER}
 * @param name the resource name, or the prefix
 * @param prefix whether {@code name} is a prefix
 * @param operation Kafka's name, e.g. {@code READ}, {@code DESCRIBE}
 */
public record Permission(String resourceType, String name, boolean prefix, String operation) {
    public Permission {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
    }

    public static Permission on(String resourceType, String name, String operation) {
        return new Permission(resourceType, name, false, operation);
    }

    public static Permission onPrefix(String resourceType, String prefix, String operation) {
        return new Permission(resourceType, prefix, true, operation);
    }

    /** E.g. {@code WRITE on TOPIC orders} or {@code CREATE on TOPIC prefix app-}. */
    @Override
    public String toString() {
        return operation + " on " + resourceType + (prefix ? " prefix " : " ") + name;
    }
}
