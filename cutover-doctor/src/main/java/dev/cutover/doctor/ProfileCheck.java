package dev.cutover.doctor;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SecurityDisabledException;

/** The checks of one profile: the client, the cluster's answer, features, JMX, then the role's permissions. */
final class ProfileCheck {
    private final ConnectionProfile profile;
    private final String role;
    private final List<LinkConfig> links;
    private final Optional<SourceFacts> source;
    private final Clock clock;

    ProfileCheck(
            ConnectionProfile profile, String role, List<LinkConfig> links, Optional<SourceFacts> source, Clock clock) {
        this.profile = profile;
        this.role = role;
        this.links = links;
        this.source = source;
        this.clock = clock;
    }

    /** Adds its checks; returns the source's facts when this is a reachable source profile. */
    Optional<SourceFacts> run(List<Check> checks) {
        ClusterConnection c;
        try {
            c = ClusterConnection.open(profile);
        } catch (CutoverException e) {
            checks.add(Check.fail("client", e.getMessage(), e.hint().orElse("")));
            return Optional.empty();
        }
        try {
            Optional<Cluster> cluster = reach(c, checks);
            if (cluster.isEmpty()) {
                return Optional.empty();
            }
            checks.add(features(c));
            new JmxCheck(profile, clock).run(checks);
            Access access = new Access(cluster.get().operations(), cluster.get().authorizer());
            checks.add(inventoryRights(access));
            Optional<SourceFacts> facts = Optional.empty();
            if (role.equals(Doctor.SOURCE)) {
                facts = Optional.of(new SourceChecks(c, access, links).run(checks));
            } else if (role.equals(Doctor.TARGET)) {
                new TargetChecks(c, access, links, source, cluster.get().nodes()).run(checks);
            }
            return facts;
        } catch (CutoverException e) {
            // A call that failed after the cluster answered once: the cluster became unreachable or refused a call.
            checks.add(Check.fail("cluster", e.getMessage(), e.hint().orElse("")));
            return Optional.empty();
        } finally {
            Doctor.closeQuietly(c);
        }
    }

    /** What the first call learned: the brokers, cutover's operations on the cluster, and whether ACLs apply. */
    record Cluster(Collection<Node> nodes, Set<AclOperation> operations, boolean authorizer) {}

    private Optional<Cluster> reach(ClusterConnection c, List<Check> checks) {
        String who = Principals.describe(profile);
        try {
            int ms = (int) Math.min(Integer.MAX_VALUE, profile.timeout().toMillis());
            DescribeClusterResult described = c.admin()
                    .describeCluster(new DescribeClusterOptions()
                            .includeAuthorizedOperations(true)
                            .timeoutMs(ms));
            String id = c.await(described.clusterId(), "read the cluster's id");
            Collection<Node> nodes = c.await(described.nodes(), "list the brokers");
            Set<AclOperation> operations = c.await(described.authorizedOperations(), "read cutover's cluster rights");
            boolean authorizer = authorizer(c);
            checks.add(Check.pass(
                    "reachable",
                    "cluster " + id + ", " + nodes.size() + " broker(s); " + who
                            + (authorizer ? "" : "; the cluster has no authorizer (every principal may do anything)")));
            return Optional.of(new Cluster(nodes, operations, authorizer));
        } catch (CutoverException e) {
            checks.add(Check.fail(
                    "reachable", e.getMessage() + " (" + who + ")", e.hint().orElse("")));
            return Optional.empty();
        }
    }

    /** Whether the cluster enforces ACLs: a cluster without an authorizer answers DescribeAcls "security disabled". */
    private boolean authorizer(ClusterConnection c) {
        try {
            c.admin()
                    .describeAcls(AclBindingFilter.ANY)
                    .values()
                    .get(profile.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return !(e.getCause() instanceof SecurityDisabledException);
        } catch (TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private Check features(ClusterConnection c) {
        Map<String, FinalizedVersionRange> finalized = c.await(
                        c.admin().describeFeatures().featureMetadata(), "describe the cluster's features")
                .finalizedFeatures();
        String metadata = level(finalized, "metadata.version");
        short transactions = finalized.containsKey("transaction.version")
                ? finalized.get("transaction.version").maxVersionLevel()
                : 0;
        String found = "metadata.version " + metadata + ", transaction.version " + transactions;
        if (role.equals(Doctor.TARGET) && transactions < 2) {
            return Check.warn(
                    "features",
                    found + ": below 2, a link instance that was paused and wakes after a successor took over is"
                            + " fenced only once its transaction times out, and aborted copies may stay in the log"
                            + " for read_uncommitted readers until then",
                    "finalize transaction.version 2 on the target (kafka-features.sh upgrade --feature"
                            + " transaction.version=2; Kafka 4.0 or later)");
        }
        return Check.pass("features", found);
    }

    private static String level(Map<String, FinalizedVersionRange> finalized, String feature) {
        FinalizedVersionRange range = finalized.get(feature);
        return range == null ? "not finalized" : String.valueOf(range.maxVersionLevel());
    }

    /** What every scan of this cluster needs: DESCRIBE on CLUSTER (else inventory exits 3), DESCRIBE_CONFIGS. */
    private static Check inventoryRights(Access access) {
        Optional<Set<AclOperation>> reported =
                access.missingOnCluster(Set.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        if (reported.isEmpty()) {
            return Check.unknown(
                    "inventory rights",
                    "the cluster did not report cutover's operations on CLUSTER (a broker older than Kafka 2.3?)",
                    "run `cutover inventory`: it names any permission it is refused");
        }
        Set<AclOperation> missing = reported.get();
        if (missing.contains(AclOperation.DESCRIBE)) {
            return Check.fail(
                    "inventory rights",
                    "no DESCRIBE on CLUSTER: `inventory` stops with exit 3",
                    "grant the profile's principal DESCRIBE (and DESCRIBE_CONFIGS) on CLUSTER");
        }
        if (!missing.isEmpty()) {
            return Check.warn(
                    "inventory rights",
                    "no DESCRIBE_CONFIGS on CLUSTER: the inventory lists brokers and topics but not the brokers'"
                            + " configs or client quotas",
                    "grant the profile's principal DESCRIBE_CONFIGS on CLUSTER for a complete inventory");
        }
        return Check.pass("inventory rights", "DESCRIBE and DESCRIBE_CONFIGS on CLUSTER");
    }
}
