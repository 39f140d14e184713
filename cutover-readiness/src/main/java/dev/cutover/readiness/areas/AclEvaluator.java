package dev.cutover.readiness.areas;

import dev.cutover.inventory.cluster.ClusterInventory.Acl;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides from a cluster's ACL bindings whether a principal holds a permission, the way Kafka's authorizer does:
 *
 * <ul>
 *   <li>a binding applies to the principal itself or to {@code User:*};
 *   <li>its resource applies when it names the resource ({@code LITERAL}), is the wildcard {@code *}, or is a {@code
 *       PREFIXED} pattern the name starts with; for a needed prefix, only the wildcard or a shorter (or equal) prefix
 *       covers every name under it;
 *   <li>{@code ALL} covers every operation; an ALLOW of {@code READ}, {@code WRITE}, {@code DELETE} or {@code ALTER}
 *       also allows {@code DESCRIBE}, and {@code ALTER_CONFIGS} allows {@code DESCRIBE_CONFIGS} (implied operations
 *       come from ALLOWs only);
 *   <li>DENY beats ALLOW.
 * </ul>
 *
 * <p>The workload's client host is not known, so hosts are judged conservatively: a DENY from any host counts, an
 * ALLOW counts only from host {@code *} (an ALLOW for some hosts only is reported as such). For a needed prefix, a DENY
 * on any name under it counts.
 */
public final class AclEvaluator {
    private static final Set<String> IMPLY_DESCRIBE = Set.of("READ", "WRITE", "DELETE", "ALTER");

    private final List<Acl> acls;

    public AclEvaluator(List<Acl> acls) {
        this.acls = List.copyOf(acls);
    }

    /** The outcome of one check. */
    public sealed interface Decision {
        /** Allowed by this binding. */
        record Allowed(Acl binding) implements Decision {}

        /** Denied by this binding (it may also be allowed: DENY wins). */
        record Denied(Acl binding) implements Decision {}

        /** Allowed only when the client connects from one of these hosts. */
        record OnlyFromHosts(List<String> hosts) implements Decision {
            public OnlyFromHosts {
                hosts = List.copyOf(hosts);
            }
        }

        /** No binding allows it. */
        record NotGranted() implements Decision {}
    }

    public Decision check(String principal, Permission needed) {
        Objects.requireNonNull(principal, "principal");
        List<Acl> relevant = acls.stream()
                .filter(a -> appliesTo(a, principal))
                .filter(a -> a.resourceType().equals(needed.resourceType()))
                .toList();
        for (Acl a : relevant) {
            if (a.permission().equals("DENY") && denyTouches(a, needed) && denies(a.operation(), needed.operation())) {
                return new Decision.Denied(a);
            }
        }
        List<Acl> allows = relevant.stream()
                .filter(a -> a.permission().equals("ALLOW"))
                .filter(a -> covers(a, needed))
                .filter(a -> allows(a.operation(), needed.operation()))
                .toList();
        return allows.stream()
                .filter(a -> a.host().equals("*"))
                .findFirst()
                .<Decision>map(Decision.Allowed::new)
                .orElseGet(() -> allows.isEmpty()
                        ? new Decision.NotGranted()
                        : new Decision.OnlyFromHosts(allows.stream()
                                .map(Acl::host)
                                .distinct()
                                .sorted()
                                .toList()));
    }

    /** The bindings that name this principal itself (not {@code User:*}). */
    public List<Acl> bindingsOf(String principal) {
        return acls.stream().filter(a -> a.principal().equals(principal)).toList();
    }

    /** Whether an ALLOW binding is used by at least one of the needed permissions. */
    public static boolean serves(Acl binding, List<Permission> needed) {
        return needed.stream()
                .anyMatch(p -> p.resourceType().equals(binding.resourceType())
                        && covers(binding, p)
                        && allows(binding.operation(), p.operation()));
    }

    static boolean appliesTo(Acl a, String principal) {
        return a.principal().equals(principal) || (a.principal().equals("User:*") && principal.startsWith("User:"));
    }

    /** Whether the binding's resource pattern covers every resource the permission is about. */
    static boolean covers(Acl a, Permission needed) {
        String pattern = a.patternType();
        String name = a.resourceName();
        if (pattern.equals("LITERAL") && name.equals("*")) {
            return true;
        }
        if (needed.prefix()) {
            return pattern.equals("PREFIXED") && needed.name().startsWith(name);
        }
        return switch (pattern) {
            case "LITERAL" -> name.equals(needed.name());
            case "PREFIXED" -> needed.name().startsWith(name);
            default -> false;
        };
    }

    /** Whether a DENY binding's resource pattern touches any resource the permission is about. */
    static boolean denyTouches(Acl a, Permission needed) {
        if (covers(a, needed)) {
            return true;
        }
        if (!needed.prefix()) {
            return false;
        }
        return switch (a.patternType()) {
            case "LITERAL", "PREFIXED" -> a.resourceName().startsWith(needed.name());
            default -> false;
        };
    }

    static boolean allows(String granted, String needed) {
        return granted.equals("ALL")
                || granted.equals(needed)
                || (needed.equals("DESCRIBE") && IMPLY_DESCRIBE.contains(granted))
                || (needed.equals("DESCRIBE_CONFIGS") && granted.equals("ALTER_CONFIGS"));
    }

    static boolean denies(String denied, String needed) {
        return denied.equals("ALL") || denied.equals(needed);
    }
}
