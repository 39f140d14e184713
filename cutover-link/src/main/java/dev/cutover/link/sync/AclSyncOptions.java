package dev.cutover.link.sync;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link AclSync} copies.
 *
 * @param topics when present, only ACLs that apply to these topics are copied ({@link AclScope}): TOPIC ACLs with a
 *     LITERAL name among them or a PREFIXED pattern that is a prefix of one (not the wildcard {@code *}), and GROUP and
 *     TRANSACTIONAL_ID ACLs of principals that hold such a TOPIC ACL
 * @param principalMapping source principal → target principal, whole strings ({@code User:alice} → {@code
 *     User:alice@corp}); principals not in the map are copied unchanged. {@link QuotaSync} applies the same mapping to
 *     quota user entities.
 */
public record AclSyncOptions(Optional<Set<String>> topics, Map<String, String> principalMapping) {
    public AclSyncOptions {
        topics = Objects.requireNonNull(topics, "topics").map(Set::copyOf);
        principalMapping = Map.copyOf(principalMapping);
    }

    /** Every TOPIC, GROUP and TRANSACTIONAL_ID ACL, principals unchanged. */
    public static AclSyncOptions all() {
        return new AclSyncOptions(Optional.empty(), Map.of());
    }

    public AclSyncOptions onlyTopics(Set<String> synced) {
        return new AclSyncOptions(Optional.of(synced), principalMapping);
    }

    public AclSyncOptions mappingPrincipals(Map<String, String> mapping) {
        return new AclSyncOptions(topics, mapping);
    }

    public String targetPrincipal(String sourcePrincipal) {
        return principalMapping.getOrDefault(sourcePrincipal, sourcePrincipal);
    }
}
