package dev.cutover.link.sync;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Which source ACLs apply to what a link copies, and why the others do not. With no topic restriction ({@link
 * AclSyncOptions#topics()} empty) every TOPIC, GROUP and TRANSACTIONAL_ID ACL applies. With one:
 *
 * <ul>
 *   <li>a TOPIC ACL applies when it names a linked topic: a LITERAL name that is linked, or a PREFIXED pattern that is
 *       a prefix of one. The LITERAL wildcard {@code *} grants on every topic of the target, linked or not (a tool's
 *       read-everything right, such as the inventory user's): it is not copied;
 *   <li>GROUP and TRANSACTIONAL_ID ACLs name no topic; they belong to clients. They apply when their principal is a
 *       client of what is linked: it has a TOPIC ACL that applies by the rule above. So a consumer's group and a
 *       producer's transactional id follow their topics, and a principal that holds only wildcard or other topics'
 *       rights (a tool, another team's client) keeps its group and transactional-id rights to itself.
 * </ul>
 */
final class AclScope {
    private static final Set<ResourceType> COPIED =
            Set.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID);

    private final Optional<Set<String>> topics;
    private final Set<String> linkedPrincipals;

    private AclScope(Optional<Set<String>> topics, Set<String> linkedPrincipals) {
        this.topics = topics;
        this.linkedPrincipals = linkedPrincipals;
    }

    /** The scope of the source's {@code acls} for a link of {@code options.topics()}. */
    static AclScope of(AclSyncOptions options, Collection<AclBinding> acls) {
        Optional<Set<String>> topics = options.topics();
        Set<String> principals = acls.stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                .filter(b -> topics.isEmpty() || namesLinkedTopic(b.pattern(), topics.get()))
                .map(b -> b.entry().principal())
                .collect(Collectors.toUnmodifiableSet());
        return new AclScope(topics, principals);
    }

    /** Why {@code binding} is not copied, or empty when it is. */
    Optional<String> whyNotCopied(AclBinding binding) {
        ResourcePattern pattern = binding.pattern();
        if (!COPIED.contains(pattern.resourceType())) {
            return Optional.of(pattern.resourceType() + " ACLs are not copied: they grant cluster operations, which"
                    + " belong to the target's operators");
        }
        if (topics.isEmpty()) {
            return Optional.empty();
        }
        if (pattern.resourceType() == ResourceType.TOPIC) {
            if (pattern.patternType() == PatternType.LITERAL
                    && pattern.name().equals(ResourcePattern.WILDCARD_RESOURCE)) {
                return Optional.of("a wildcard grant on every topic, not on the linked ones: grant it on the target"
                        + " by hand if it should hold there");
            }
            return namesLinkedTopic(pattern, topics.get()) ? Optional.empty() : Optional.of("not about a synced topic");
        }
        String principal = binding.entry().principal();
        return linkedPrincipals.contains(principal)
                ? Optional.empty()
                : Optional.of(principal + " has no ACL on a linked topic (only on other topics, or on all with *): its "
                        + pattern.resourceType() + " rights do not belong to what is linked");
    }

    private static boolean namesLinkedTopic(ResourcePattern pattern, Set<String> topics) {
        if (pattern.patternType() == PatternType.PREFIXED) {
            return topics.stream().anyMatch(t -> t.startsWith(pattern.name()));
        }
        return pattern.patternType() == PatternType.LITERAL && topics.contains(pattern.name());
    }
}
