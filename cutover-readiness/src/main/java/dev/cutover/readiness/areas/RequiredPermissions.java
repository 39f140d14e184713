package dev.cutover.readiness.areas;

import dev.cutover.config.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The least permissions a workload needs on the target, from what it does:
 *
 * <ul>
 *   <li>producing: {@code WRITE} and {@code DESCRIBE} on each topic it writes ({@code WRITE} on a topic also grants
 *       idempotent production since Kafka 2.8, KIP-679, so {@code IDEMPOTENT_WRITE} on the cluster is not needed);
 *   <li>transactions: {@code WRITE} and {@code DESCRIBE} on each transactional id (or prefix of a {@code prefix*}
 *       match);
 *   <li>consuming: {@code READ} and {@code DESCRIBE} on each topic it reads, {@code READ} on each group (or prefix);
 *   <li>Kafka Streams: the above, plus {@code CREATE}, {@code READ}, {@code WRITE}, {@code DELETE} and {@code
 *       DESCRIBE} on topics prefixed {@code <application.id>-} (its changelog and repartition topics), and
 *       {@code WRITE}/{@code DESCRIBE} on transactional ids prefixed {@code <application.id>-} when it runs exactly
 *       once (a transactional id seen for it).
 * </ul>
 *
 * Admin clients and Connect workers' own internal topics depend on their configuration and are not derived.
 */
final class RequiredPermissions {
    private RequiredPermissions() {}

    static List<Permission> of(WorkloadContext c) {
        Set<Permission> needed = new LinkedHashSet<>();
        for (String t : c.writtenTopics()) {
            needed.add(Permission.on("TOPIC", t, "WRITE"));
            needed.add(Permission.on("TOPIC", t, "DESCRIBE"));
        }
        for (String id : c.transactionalIds()) {
            needed.add(Permission.on("TRANSACTIONAL_ID", id, "WRITE"));
            needed.add(Permission.on("TRANSACTIONAL_ID", id, "DESCRIBE"));
        }
        for (String prefix : c.transactionalPrefixes()) {
            needed.add(Permission.onPrefix("TRANSACTIONAL_ID", prefix, "WRITE"));
            needed.add(Permission.onPrefix("TRANSACTIONAL_ID", prefix, "DESCRIBE"));
        }
        for (String t : c.readTopics()) {
            needed.add(Permission.on("TOPIC", t, "READ"));
            needed.add(Permission.on("TOPIC", t, "DESCRIBE"));
        }
        for (String g : c.groups()) {
            needed.add(Permission.on("GROUP", g, "READ"));
        }
        for (String prefix : c.groupPrefixes()) {
            needed.add(Permission.onPrefix("GROUP", prefix, "READ"));
        }
        if (c.has(Role.STREAMS)) {
            for (String app : c.groups()) {
                for (String op : List.of("CREATE", "READ", "WRITE", "DELETE", "DESCRIBE")) {
                    needed.add(Permission.onPrefix("TOPIC", app + "-", op));
                }
            }
        }
        return new ArrayList<>(needed);
    }
}
