package dev.cutover.doctor;

import dev.cutover.config.ClusterConnection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Whether {@code offsets sync} may commit the source's groups on the target: READ and DESCRIBE on each group. Groups
 * are asked in pages of {@value #PAGE}, at most {@value #MAX} of them, so that an estate with many groups stays bounded.
 */
final class GroupRightsCheck {
    static final int PAGE = 100;
    static final int MAX = 1_000;
    private static final Set<AclOperation> NEEDS = EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE);

    private final ClusterConnection c;
    private final Access access;

    GroupRightsCheck(ClusterConnection c, Access access) {
        this.c = c;
        this.access = access;
    }

    Check check(List<String> groups) {
        String name = "offsets sync groups";
        if (groups.isEmpty()) {
            return Check.pass(name, "no source group to move");
        }
        if (!access.authorizer()) {
            return Check.pass(name, groups.size() + " group(s) (no authorizer)");
        }
        List<String> checked = groups.subList(0, Math.min(MAX, groups.size()));
        List<String> refused = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int from = 0; from < checked.size(); from += PAGE) {
            List<String> page = checked.subList(from, Math.min(checked.size(), from + PAGE));
            var described = c.admin()
                    .describeConsumerGroups(page, new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
                    .describedGroups();
            described.forEach((group, future) -> classify(group, future, refused, unknown));
        }
        String limit = groups.size() > MAX ? " (the first " + MAX + " of " + groups.size() + ")" : "";
        String found = checked.size() + " group(s)" + limit;
        if (!refused.isEmpty()) {
            return Check.fail(
                    name,
                    found + "; no " + NEEDS + " on the target for: " + Authorized.list(refused, 10)
                            + " (`offsets sync` refuses them)",
                    "grant the target profile's principal READ and DESCRIBE on these groups");
        }
        if (!unknown.isEmpty()) {
            return Check.unknown(
                    name,
                    found + "; DESCRIBE granted, READ not known for " + Authorized.list(unknown, 10)
                            + " (the target reports a group's rights only once the group exists)",
                    "make sure the principal holds READ on these groups (a prefixed ACL covers groups to come)");
        }
        return Check.pass(name, found + ": READ and DESCRIBE on the target");
    }

    private void classify(
            String group, KafkaFuture<ConsumerGroupDescription> future, List<String> refused, List<String> unknown) {
        try {
            ConsumerGroupDescription d = future.get(c.profile().timeout().toMillis(), TimeUnit.MILLISECONDS);
            Optional<Set<AclOperation>> missing = access.missing(d.authorizedOperations(), NEEDS);
            if (missing.isEmpty()) {
                unknown.add(group);
            } else if (!missing.get().isEmpty()) {
                refused.add(group);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupAuthorizationException) {
                refused.add(group);
            } else if (e.getCause() instanceof GroupIdNotFoundException) {
                unknown.add(group);
            } else {
                unknown.add(group);
            }
        } catch (TimeoutException e) {
            unknown.add(group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unknown.add(group);
        }
    }
}
