package dev.cutover.inventory.cluster;

import dev.cutover.inventory.cluster.ClusterInventory.Acl;
import dev.cutover.inventory.cluster.ClusterInventory.Quota;
import dev.cutover.inventory.cluster.ClusterInventory.ScramCredential;
import dev.cutover.inventory.cluster.ClusterInventory.ScramUser;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;

/** ACLs, client quotas and SCRAM users: one call each, sent together. */
final class SecurityScan {
    private final Problems problems;
    private final CompletableFuture<Collection<AclBinding>> acls;
    private volatile Boolean authorizer;
    private final KafkaFuture<Map<ClientQuotaEntity, Map<String, Double>>> quotas;
    private final KafkaFuture<Map<String, UserScramCredentialsDescription>> scram;

    SecurityScan(Admin admin, Problems problems) {
        this.problems = problems;
        this.acls = admin.describeAcls(AclBindingFilter.ANY)
                .values()
                .toCompletionStage()
                .toCompletableFuture()
                .handle((bindings, failure) -> {
                    if (failure == null) {
                        authorizer = true;
                        return bindings;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof SecurityDisabledException) {
                        authorizer = false; // no authorizer: there are no ACLs, which is a fact, not a gap
                        return List.of();
                    }
                    throw new CompletionException(cause);
                });
        this.quotas = admin.describeClientQuotas(ClientQuotaFilter.all()).entities();
        this.scram = admin.describeUserScramCredentials().all();
    }

    List<Acl> acls() {
        return problems.await(acls, "acls", "*", "DESCRIBE on CLUSTER")
                .map(bindings -> bindings.stream()
                        .map(b -> new Acl(
                                b.pattern().resourceType().name(),
                                b.pattern().name(),
                                b.pattern().patternType().name(),
                                b.entry().principal(),
                                b.entry().host(),
                                b.entry().operation().name(),
                                b.entry().permissionType().name()))
                        .sorted(Comparator.comparing(Acl::resourceType)
                                .thenComparing(Acl::resourceName)
                                .thenComparing(Acl::principal)
                                .thenComparing(Acl::operation)
                                .thenComparing(Acl::permission))
                        .toList())
                .orElse(List.of());
    }

    /**
     * Whether the brokers enforce ACLs: {@code false} if they report no authorizer, {@code true} if the ACL listing
     * worked, {@code null} if unknown. Valid after {@link #acls()}.
     */
    Boolean authorizer() {
        return authorizer;
    }

    List<Quota> quotas() {
        return problems.await(quotas, "quotas", "*", "DESCRIBE_CONFIGS on CLUSTER")
                .map(entities -> entities.entrySet().stream()
                        .map(e -> new Quota(
                                // TreeMap keeps null names (default entities) that Map.copyOf would refuse.
                                Collections.unmodifiableMap(
                                        new TreeMap<>(e.getKey().entries())),
                                Collections.unmodifiableMap(new TreeMap<>(e.getValue()))))
                        .sorted(Comparator.comparing(q -> q.entity().toString()))
                        .toList())
                .orElse(List.of());
    }

    List<ScramUser> scramUsers() {
        return problems.await(scram, "scramUsers", "*", "DESCRIBE on CLUSTER")
                .map(users -> users.values().stream()
                        .map(u -> new ScramUser(
                                u.name(),
                                u.credentialInfos().stream()
                                        .map(c -> new ScramCredential(
                                                c.mechanism().mechanismName(), c.iterations()))
                                        .sorted(Comparator.comparing(ScramCredential::mechanism))
                                        .toList()))
                        .sorted(Comparator.comparing(ScramUser::user))
                        .toList())
                .orElse(List.of());
    }
}
