package dev.cutover.link.sync;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.link.internal.AdminAwait;
import dev.cutover.link.internal.AdminBatches;
import dev.cutover.link.internal.AdminLimits;
import dev.cutover.link.internal.BatchResult;
import dev.cutover.link.internal.Batching;
import dev.cutover.link.sync.SyncReport.Item;
import dev.cutover.link.sync.SyncReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeUserScramCredentialsResult;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.ResourcePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies TOPIC, GROUP and TRANSACTIONAL_ID ACLs (LITERAL and PREFIXED, ALLOW and DENY, every operation and host as
 * they are) from the source to the target, principals mapped by {@link AclSyncOptions#principalMapping()}.
 *
 * <p>Not copied, and reported as skipped: CLUSTER, DELEGATION_TOKEN and USER ACLs (they grant cluster operations,
 * which belong to the target's operators); ACLs that do not apply to the linked topics ({@link AclScope}: TOPIC ACLs
 * about other topics or all of them, GROUP and TRANSACTIONAL_ID ACLs of principals that are no client of a linked
 * topic), each with its reason; bindings the target already has. Findings: a source or target without an authorizer (nothing copied, no crash); principals
 * of copied ACLs that have no SCRAM credential on the target — passwords cannot be read from the source, so such
 * users must be created on the target by hand. Principals that look like certificate names ({@code User:CN=...})
 * and the wildcard {@code User:*} are not checked.
 *
 * <p>The source is only read ({@code describeAcls}).
 */
public final class AclSync {
    public static final String SOURCE_NO_AUTHORIZER = "SYNC-ACL-001";
    public static final String TARGET_NO_AUTHORIZER = "SYNC-ACL-002";
    public static final String NO_SCRAM_CREDENTIAL = "SYNC-ACL-003";

    private static final Logger log = LoggerFactory.getLogger(AclSync.class);

    private final Admin source;
    private final Admin target;
    private final AclSyncOptions options;
    private final AdminAwait sourceCalls;
    private final AdminAwait targetCalls;

    public AclSync(Admin source, Admin target, AclSyncOptions options) {
        this(source, target, options, Duration.ofSeconds(60));
    }

    public AclSync(Admin source, Admin target, AclSyncOptions options, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.sourceCalls = AdminCalls.source(timeout);
        this.targetCalls = AdminCalls.target(timeout);
    }

    /** Reads both clusters and decides; changes nothing. */
    public AclSyncPlan plan() {
        List<Item> skipped = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Collection<AclBinding> sourceAcls = describeAcls(source, sourceCalls);
        if (sourceAcls == null) {
            findings.add(Finding.of(
                    SOURCE_NO_AUTHORIZER,
                    Severity.INFO,
                    "source",
                    "source has no authorizer; there are no ACLs to copy"));
            return new AclSyncPlan(List.of(), skipped, findings);
        }
        Set<AclBinding> wanted = new LinkedHashSet<>();
        AclScope scope = AclScope.of(options, sourceAcls);
        for (AclBinding binding : sourceAcls) {
            ResourcePattern pattern = binding.pattern();
            Optional<String> notCopied = scope.whyNotCopied(binding);
            if (notCopied.isPresent()) {
                skipped.add(new Item(describe(binding), Outcome.SKIPPED, notCopied.get()));
            } else {
                AccessControlEntry entry = binding.entry();
                wanted.add(new AclBinding(
                        pattern,
                        new AccessControlEntry(
                                options.targetPrincipal(entry.principal()),
                                entry.host(),
                                entry.operation(),
                                entry.permissionType())));
            }
        }
        Collection<AclBinding> targetAcls = describeAcls(target, targetCalls);
        if (targetAcls == null) {
            findings.add(Finding.of(
                    TARGET_NO_AUTHORIZER,
                    Severity.WARNING,
                    "target",
                    "target has no authorizer; ACLs not copied (" + wanted.size()
                            + " would be): enable an authorizer on the target before clients move"));
            wanted.forEach(b -> skipped.add(new Item(describe(b), Outcome.SKIPPED, "target has no authorizer")));
            return new AclSyncPlan(List.of(), skipped, findings);
        }
        Set<AclBinding> existing = new HashSet<>(targetAcls);
        List<AclBinding> toCreate = new ArrayList<>();
        for (AclBinding binding : wanted) {
            if (existing.contains(binding)) {
                skipped.add(new Item(describe(binding), Outcome.SKIPPED, "already present on the target"));
            } else {
                toCreate.add(binding);
            }
        }
        findings.addAll(missingCredentials(wanted));
        return new AclSyncPlan(toCreate, skipped, findings);
    }

    public SyncReport dryRun() {
        return dryRun(plan());
    }

    public SyncReport dryRun(AclSyncPlan plan) {
        List<Item> items = new ArrayList<>();
        plan.toCreate().forEach(b -> items.add(new Item(describe(b), Outcome.CREATED, "")));
        items.addAll(plan.skipped());
        return new SyncReport("acls", true, items, plan.findings());
    }

    /**
     * Creates the planned bindings in calls that fit the target's limits ({@link AdminBatches}); each binding is
     * reported on its own.
     */
    public SyncReport apply(AclSyncPlan plan) {
        List<Item> items = new ArrayList<>();
        if (!plan.toCreate().isEmpty()) {
            BatchResult<AclBinding> results = AdminBatches.createAcls(target, targetCalls, plan.toCreate());
            for (AclBinding binding : plan.toCreate()) {
                Optional<Throwable> failure = results.failure(binding);
                if (failure.isEmpty()) {
                    items.add(new Item(describe(binding), Outcome.CREATED, ""));
                } else {
                    String error = BatchResult.text(failure.get());
                    log.warn("ACL sync: cannot create {}: {}", describe(binding), error);
                    items.add(new Item(describe(binding), Outcome.FAILED, error));
                }
            }
        }
        items.addAll(plan.skipped());
        return new SyncReport("acls", false, items, plan.findings());
    }

    /** The cluster's ACLs, or null when it has no authorizer. */
    private static Collection<AclBinding> describeAcls(Admin admin, AdminAwait on) {
        try {
            return on.await(
                    admin.describeAcls(AclBindingFilter.ANY).values(),
                    "describe the ACLs",
                    cause -> cause instanceof SecurityDisabledException ? new NoAuthorizer() : null);
        } catch (NoAuthorizer e) {
            return null;
        }
    }

    /** Thrown and caught within {@link #describeAcls}: the cluster has no authorizer. */
    private static final class NoAuthorizer extends RuntimeException {
        NoAuthorizer() {
            super(null, null, false, false);
        }
    }

    private List<Finding> missingCredentials(Collection<AclBinding> bindings) {
        Set<String> users = new TreeSet<>();
        for (AclBinding binding : bindings) {
            String principal = binding.entry().principal();
            if (principal.startsWith("User:")) {
                String user = principal.substring("User:".length());
                if (!user.equals("*") && !user.contains("=")) {
                    users.add(user);
                }
            }
        }
        if (users.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (List<String> page : Batching.pages(users, AdminLimits.USERS_PER_DESCRIBE)) {
            DescribeUserScramCredentialsResult result = target.describeUserScramCredentials(page);
            long deadline = targetCalls.deadline();
            for (String user : page) {
                Throwable cause =
                        targetCalls.outcome(result.description(user), deadline).orElse(null);
                if (cause instanceof ResourceNotFoundException) {
                    findings.add(Finding.of(
                            NO_SCRAM_CREDENTIAL,
                            Severity.WARNING,
                            "User:" + user,
                            "User:" + user + " is named by copied ACLs but has no SCRAM credential on the target;"
                                    + " passwords cannot be copied: create the user on the target by hand"
                                    + " (ignore this if it authenticates otherwise)"));
                } else if (cause != null) {
                    log.warn(
                            "ACL sync: cannot check SCRAM credentials of {} on the target: {}", user, cause.toString());
                }
            }
        }
        return findings;
    }

    /** A readable one-line name for a binding, e.g. {@code TOPIC:PREFIXED:orders. ALLOW User:alice WRITE from *}. */
    static String describe(AclBinding binding) {
        ResourcePattern p = binding.pattern();
        AccessControlEntry e = binding.entry();
        return p.resourceType() + ":" + p.patternType() + ":" + p.name() + " " + e.permissionType() + " "
                + e.principal() + " " + e.operation() + " from " + e.host();
    }
}
