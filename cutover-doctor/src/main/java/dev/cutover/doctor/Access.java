package dev.cutover.doctor;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;

/**
 * What the cluster said about cutover's rights: its operations on CLUSTER, and whether an authorizer applies at all
 * (without one every operation is allowed, whatever is reported).
 */
record Access(Set<AclOperation> clusterOperations, boolean authorizer) {
    /** The operations on CLUSTER that are missing; empty when the cluster did not report them. */
    Optional<Set<AclOperation>> missingOnCluster(Set<AclOperation> needed) {
        return missing(clusterOperations, needed);
    }

    /** The operations of {@code needed} not in {@code granted}; empty when {@code granted} was not reported (null). */
    Optional<Set<AclOperation>> missing(Set<AclOperation> granted, Set<AclOperation> needed) {
        if (!authorizer) {
            return Optional.of(EnumSet.noneOf(AclOperation.class));
        }
        if (granted == null) {
            return Optional.empty();
        }
        Set<AclOperation> missing = needed.isEmpty() ? EnumSet.noneOf(AclOperation.class) : EnumSet.copyOf(needed);
        if (!granted.contains(AclOperation.ALL)) {
            missing.removeAll(granted);
        } else {
            missing.clear();
        }
        return Optional.of(missing);
    }
}
