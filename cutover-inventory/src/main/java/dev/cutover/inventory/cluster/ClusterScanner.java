package dev.cutover.inventory.cluster;

import dev.cutover.api.ClusterRef;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.inventory.cluster.ClusterInventory.Broker;
import dev.cutover.inventory.cluster.ClusterInventory.ClusterInfo;
import dev.cutover.inventory.cluster.ClusterInventory.FeatureRange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A complete, read-only scan of one live cluster over the Admin API: see {@link ClusterInventory} for what it finds.
 *
 * <h2>Read-only</h2>
 *
 * The scanner only sends Describe and List requests: it never creates topics or groups, commits offsets, joins a
 * group, or produces. It uses one Admin client; each kind of information is one batched request (split into chunks of
 * {@link ScanOptions#chunkSize()}), and independent kinds are in flight at the same time. No request is sent per
 * partition or per group.
 *
 * <h2>Failures</h2>
 *
 * <ul>
 *   <li>The cluster does not answer within {@link ScanOptions#timeout()}: {@link Reason#CLUSTER_UNREACHABLE}.
 *   <li>It refuses the credentials: {@link Reason#AUTHENTICATION_FAILED}, naming the mechanism and the user, never
 *       the password or JAAS text.
 *   <li>The principal may not DESCRIBE the CLUSTER: {@link Reason#AUTHORIZATION_FAILED}. Without it the brokers hide
 *       groups and log dirs, so no honest inventory is possible.
 *   <li>Anything narrower (one topic's configs, one group's offsets, the ACL listing, ...) is recorded as a {@link
 *       ScanProblem} in the result, and the scan goes on.
 * </ul>
 *
 * <h2>Least privilege: the ACLs a complete scan needs</h2>
 *
 * <table>
 *   <caption>ACLs for the principal that runs {@code cutover inventory}</caption>
 *   <tr><th>resource</th><th>operation</th><th>for</th></tr>
 *   <tr><td>CLUSTER</td><td>DESCRIBE</td><td>required: cluster, log dirs (sizes), all groups in the listing, ACLs,
 *       SCRAM users</td></tr>
 *   <tr><td>CLUSTER</td><td>DESCRIBE_CONFIGS</td><td>client quotas</td></tr>
 *   <tr><td>TOPIC {@code *} (LITERAL)</td><td>DESCRIBE</td><td>topics, partitions, offsets, group offsets on the
 *       topic</td></tr>
 *   <tr><td>TOPIC {@code *}</td><td>DESCRIBE_CONFIGS</td><td>non-default topic configs</td></tr>
 *   <tr><td>TOPIC {@code *}</td><td>READ</td><td>active producers only ({@code DescribeProducers} requires READ);
 *       without it each topic gets a {@code producers} problem and the rest is complete. It lets the principal
 *       consume, so leave it out where that is not acceptable</td></tr>
 *   <tr><td>GROUP {@code *}</td><td>DESCRIBE</td><td>group descriptions and committed offsets</td></tr>
 *   <tr><td>TRANSACTIONAL_ID {@code *}</td><td>DESCRIBE</td><td>transactional ids; the broker silently omits ids
 *       the principal may not describe</td></tr>
 * </table>
 *
 * {@link #leastPrivilegeAcls(String)} returns these bindings. A prefixed pattern may replace {@code *} to scope a scan to part of the cluster; whatever the principal may not
 * see then appears as problems where the brokers reveal it (topics on disk but not describable: {@code NOT_VISIBLE}).
 */
public final class ClusterScanner {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final ClusterRef ref;
    private final Map<String, Object> clientProperties;
    private final ScanOptions options;
    private final List<String> secrets;
    private final String principal;

    /**
     * @param ref the cluster: its bootstrap servers override any in {@code clientProperties}
     * @param clientProperties Kafka client properties (security, TLS, SASL), as a profile resolves them
     * @param options timeout, rate sampling and chunking
     */
    public ClusterScanner(ClusterRef ref, Map<String, Object> clientProperties, ScanOptions options) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
        this.options = Objects.requireNonNull(options, "options");
        Map<String, Object> resolved = Principals.resolved(this.clientProperties);
        List<String> allSecrets = new java.util.ArrayList<>(Principals.secrets(this.clientProperties));
        allSecrets.addAll(Principals.secrets(resolved));
        this.secrets = List.copyOf(allSecrets);
        this.principal = Principals.describe(resolved);
    }

    /**
     * The ACLs a principal needs for a complete scan, exactly as the table in the class documentation lists them, with
     * wildcard resources. Create them with {@code Admin.createAcls}, or print them for an operator.
     *
     * @param principal e.g. {@code User:inventory}
     */
    public static List<AclBinding> leastPrivilegeAcls(String principal) {
        return List.of(
                allow(principal, ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE),
                allow(principal, ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE_CONFIGS),
                allow(principal, ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE, AclOperation.DESCRIBE),
                allow(principal, ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE, AclOperation.DESCRIBE_CONFIGS),
                allow(principal, ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE, AclOperation.READ),
                allow(principal, ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE, AclOperation.DESCRIBE),
                allow(
                        principal,
                        ResourceType.TRANSACTIONAL_ID,
                        ResourcePattern.WILDCARD_RESOURCE,
                        AclOperation.DESCRIBE));
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /**
     * Scans the cluster.
     *
     * @throws CutoverException with {@link Reason#CLUSTER_UNREACHABLE}, {@link Reason#AUTHENTICATION_FAILED}, {@link
     *     Reason#AUTHORIZATION_FAILED} or {@link Reason#CONFIG_INVALID} when no inventory is possible
     */
    public ClusterInventory scan() {
        return scan(step -> {});
    }

    /** The steps {@link #scan(Consumer)} tells, one call each. */
    public static final int STEPS = 5;

    /**
     * As {@link #scan()}, telling {@code stepDone} each of its {@value #STEPS} steps as it ends, with what it found (for
     * progress): the connection, topics (with their configs, sizes and rates), groups, ACLs and quotas, transactions.
     */
    public ClusterInventory scan(Consumer<String> stepDone) {
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Admin admin = createAdmin();
        try {
            DescribeClusterResult cluster = connect(admin);
            Problems problems =
                    new Problems(Deadline.after(options.timeout().plus(options.rateSampleInterval())), secrets);
            Collection<Node> nodes = problems.await(cluster.nodes(), "cluster", "*", "DESCRIBE on CLUSTER")
                    .orElse(List.of());
            stepDone.accept("connected to " + nodes.size() + " broker(s); topics next (sizes, rates)");
            var features = admin.describeFeatures().featureMetadata();
            SecurityScan security = new SecurityScan(admin, problems);
            TransactionScan transactions = new TransactionScan(admin, problems, options);
            TopicScan topics = new TopicScan(
                    admin, problems, options, nodes.stream().map(Node::id).toList());
            GroupScan groups = new GroupScan(admin, problems, options);
            topics.start();
            groups.start();
            transactions.describe();

            var topicList = topics.finish();
            stepDone.accept(topicList.size() + " topic(s); groups next");
            var groupList = groups.finish(topics.endOffsets());
            stepDone.accept(groupList.size() + " group(s); ACLs and quotas next");
            var acls = security.acls();
            stepDone.accept(acls.size() + " ACL(s); transactions next");
            var transactionList = transactions.finish();
            stepDone.accept(transactionList.size() + " transaction(s)");
            reportHiddenTransactions(topicList, transactionList, problems);
            ClusterInfo clusterInfo = clusterInfo(
                    cluster,
                    nodes,
                    problems.await(features, "cluster", "features", null).orElse(null),
                    security.authorizer(),
                    problems);
            return new ClusterInventory(
                    ClusterInventory.SCHEMA_VERSION,
                    ref.profile(),
                    ref.bootstrapServers(),
                    startedAt.toString(),
                    (System.nanoTime() - startNanos) / 1_000_000,
                    principal,
                    clusterInfo,
                    topicList,
                    groupList,
                    acls,
                    security.quotas(),
                    security.scramUsers(),
                    transactionList,
                    problems.all());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.INTERNAL, "interrupted while scanning " + where(), null, e);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    private Admin createAdmin() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ref.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "cutover-inventory");
        try {
            return Admin.create(props);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // With its causes: "Failed to create new NetworkClient" alone hides the reason.
            String detail = Principals.redact(dev.cutover.config.ClientFailures.chain(cause), secrets);
            if (cause instanceof ConfigException && String.valueOf(detail).contains("bootstrap")) {
                throw new CutoverException(
                        Reason.CLUSTER_UNREACHABLE,
                        where() + " is unreachable: " + detail,
                        "check the bootstrap servers of profile '" + ref.profile() + "' and that their host names"
                                + " resolve from this machine");
            }
            // The cause is not chained: a client config error can quote the offending value, which may be a secret.
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "the client properties of profile '" + ref.profile() + "' are invalid: "
                            + cause.getClass().getSimpleName() + ": " + detail,
                    "fix the Kafka client properties of profile '" + ref.profile() + "'");
        }
    }

    /** Asks for the cluster with the scan's timeout, turning a failure into the reason no scan is possible. */
    private DescribeClusterResult connect(Admin admin) throws InterruptedException {
        DescribeClusterResult result = admin.describeCluster(
                new DescribeClusterOptions().includeAuthorizedOperations(true).timeoutMs((int)
                        Math.min(Integer.MAX_VALUE, options.timeout().toMillis())));
        Set<AclOperation> allowed;
        try {
            // The admin client gives up at the timeout; the extra second only guards against it not doing so.
            allowed = result.authorizedOperations().get(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw connectFailure(e.getCause() == null ? e : e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw connectFailure(e);
        }
        if (allowed != null && !allowed.contains(AclOperation.DESCRIBE) && !allowed.contains(AclOperation.ALL)) {
            throw new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    where() + ": principal " + principal + " may not DESCRIBE the CLUSTER, which an inventory needs"
                            + " (missing permission: DESCRIBE on CLUSTER)",
                    "grant it, e.g. kafka-acls --add --allow-principal " + principalForHint()
                            + " --operation Describe --cluster; the full least-privilege list is in the"
                            + " `cutover inventory` documentation");
        }
        return result;
    }

    private CutoverException connectFailure(Throwable cause) {
        String detail = cause.getClass().getSimpleName() + ": "
                + Principals.redact(dev.cutover.config.ClientFailures.chain(cause), secrets);
        if (cause instanceof AuthenticationException) {
            String mechanism = Principals.saslMechanism(clientProperties);
            String how = mechanism == null ? "TLS" : "SASL mechanism " + mechanism;
            return new CutoverException(
                    Reason.AUTHENTICATION_FAILED,
                    where() + " refused to authenticate principal " + principal + " with " + how + ": " + detail,
                    "check the user name and password (or certificate) of profile '" + ref.profile()
                            + "', and that the user exists for this mechanism on this cluster",
                    cause);
        }
        if (cause instanceof AuthorizationException) {
            return new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    where() + " refused principal " + principal + " (missing permission: DESCRIBE on CLUSTER): "
                            + detail,
                    "grant DESCRIBE on CLUSTER to " + principalForHint(),
                    cause);
        }
        return new CutoverException(
                Reason.CLUSTER_UNREACHABLE,
                where() + " did not answer within " + options.timeout().toMillis() + " ms: " + detail,
                "check that the brokers run, that the bootstrap servers and security.protocol of profile '"
                        + ref.profile() + "' are right, and that no firewall blocks the ports",
                cause);
    }

    private ClusterInfo clusterInfo(
            DescribeClusterResult cluster,
            Collection<Node> nodes,
            FeatureMetadata features,
            Boolean authorizer,
            Problems problems) {
        String clusterId = problems.await(cluster.clusterId(), "cluster", "*", "DESCRIBE on CLUSTER")
                .orElse(null);
        Integer controller = problems.await(cluster.controller(), "cluster", "*", "DESCRIBE on CLUSTER")
                .filter(n -> !n.isEmpty())
                .map(Node::id)
                .orElse(null);
        List<Broker> brokers = nodes.stream()
                .map(n -> new Broker(n.id(), n.host(), n.port(), n.rack()))
                .sorted(Comparator.comparingInt(Broker::id))
                .toList();
        Map<String, FeatureRange> finalized = new TreeMap<>();
        Map<String, FeatureRange> supported = new TreeMap<>();
        Integer metadataVersion = null;
        if (features != null) {
            features.finalizedFeatures()
                    .forEach((name, r) ->
                            finalized.put(name, new FeatureRange(r.minVersionLevel(), r.maxVersionLevel())));
            features.supportedFeatures()
                    .forEach((name, r) -> supported.put(name, new FeatureRange(r.minVersion(), r.maxVersion())));
            FeatureRange mv = finalized.get("metadata.version");
            metadataVersion = mv == null ? null : mv.max();
        }
        return new ClusterInfo(clusterId, controller, brokers, metadataVersion, finalized, supported, null, authorizer);
    }

    /**
     * The broker lists only transactional ids the principal may describe. A producer with an open transaction whose
     * producer id matches no listed id reveals one that is hidden.
     */
    private static void reportHiddenTransactions(
            List<ClusterInventory.Topic> topics, List<ClusterInventory.Transaction> transactions, Problems problems) {
        Set<Long> listed = new java.util.HashSet<>();
        transactions.forEach(t -> listed.add(t.producerId()));
        new java.util.TreeSet<>(topics.stream()
                        .flatMap(t -> t.partitions().stream())
                        .flatMap(p -> p.producers().stream())
                        .filter(p -> p.currentTransactionStartOffset() != null && !listed.contains(p.producerId()))
                        .map(ClusterInventory.Producer::producerId)
                        .toList())
                .forEach(id -> problems.add(
                        "transactions",
                        "producer " + id,
                        ScanProblem.NOT_VISIBLE,
                        "producer " + id + " has an open transaction whose transactional id the principal may not"
                                + " describe",
                        "DESCRIBE on its TRANSACTIONAL_ID"));
    }

    private String where() {
        return "cluster '" + ref.profile() + "' (bootstrap servers " + ref.bootstrapServers() + ")";
    }

    private String principalForHint() {
        return principal.startsWith("User:") ? principal : "<principal>";
    }
}
