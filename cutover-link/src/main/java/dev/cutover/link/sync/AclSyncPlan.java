package dev.cutover.link.sync;

import dev.cutover.api.Finding;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;

/**
 * What an ACL sync would do: the bindings to create on the target (principals already mapped), the items it will not
 * copy (already present, cluster-level, not about a synced topic, no authorizer) and findings about the clusters
 * (no authorizer, principals without SCRAM credentials on the target).
 */
public record AclSyncPlan(List<AclBinding> toCreate, List<SyncReport.Item> skipped, List<Finding> findings) {
    public AclSyncPlan {
        toCreate = List.copyOf(toCreate);
        skipped = List.copyOf(skipped);
        findings = List.copyOf(findings);
    }
}
