package dev.cutover.link.sync;

import dev.cutover.config.Redactor;
import dev.cutover.link.internal.AdminAwait;
import dev.cutover.link.internal.AdminBatches;
import dev.cutover.link.internal.AdminPages;
import dev.cutover.link.internal.BatchResult;
import dev.cutover.link.sync.SyncReport.Item;
import dev.cutover.link.sync.SyncReport.Outcome;
import dev.cutover.link.sync.TopicAction.AddPartitions;
import dev.cutover.link.sync.TopicAction.AlterConfigs;
import dev.cutover.link.sync.TopicAction.CreateTopic;
import dev.cutover.link.sync.TopicAction.Refuse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the target's topics follow the source's: plan (read both clusters, decide by {@link TopicPlanner}), then
 * {@link #apply} or {@link #dryRun}.
 *
 * <p>Invariants: the source is only read (list, describe); target configs the rules call target-owned are never set
 * nor unset; {@link #apply} sends each kind of change (create, alter configs, add partitions) in calls that fit the
 * target's limits ({@link dev.cutover.link.internal.AdminLimits}: a KRaft controller refuses a request of more than
 * 10,000 metadata records as a whole) and reports each topic on its own, so one rejected topic never hides or fails
 * the others, and a topic that could not be created is in the report with the reason ({@link
 * SyncReport#unlinkable()}). Reads are paged ({@link AdminPages}). New topics get the target's default replication
 * factor. Report texts pass through {@link Redactor}.
 *
 * <p>Limit: the target's topic list comes from a broker's metadata cache, which lags a create by a moment, or by
 * minutes when thousands of partitions were created (a broker shows a partition once it has created its log; see
 * {@link dev.cutover.link.internal.AdminLimits}); a plan made in that time may plan a topic that now exists, and its
 * create is then reported as failed ({@code TopicExistsException}). A later sync sees it.
 */
public final class TopicSync {
    private static final Logger log = LoggerFactory.getLogger(TopicSync.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Admin source;
    private final Admin target;
    private final TopicSelection selection;
    private final AdminAwait sourceCalls;
    private final AdminAwait targetCalls;

    public TopicSync(Admin source, Admin target, TopicSelection selection) {
        this(source, target, selection, DEFAULT_TIMEOUT);
    }

    public TopicSync(Admin source, Admin target, TopicSelection selection, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.sourceCalls = AdminCalls.source(timeout);
        this.targetCalls = AdminCalls.target(timeout);
    }

    /** Reads both clusters and decides; changes nothing. */
    public TopicSyncPlan plan() {
        Set<String> sourceNames = sourceCalls.await(
                source.listTopics(new ListTopicsOptions().listInternal(true)).names(), "list the topics");
        List<TopicSyncPlan.Excluded> excludedByName = new ArrayList<>();
        Set<String> candidates = new TreeSet<>();
        for (String name : sourceNames) {
            if (!selection.selects(name)) {
                continue;
            }
            Optional<String> why = selection.excludedByName(name);
            if (why.isPresent()) {
                excludedByName.add(new TopicSyncPlan.Excluded(name, why.get()));
            } else {
                candidates.add(name);
            }
        }
        Map<String, Described> sourceTopics = describe(source, sourceCalls, candidates);
        List<TopicSyncPlan.Excluded> excluded = new ArrayList<>(excludedByName);
        sourceTopics.values().removeIf(t -> {
            if (t.internal()) {
                excluded.add(new TopicSyncPlan.Excluded(t.snapshot().name(), "internal topic of the source cluster"));
                return true;
            }
            return false;
        });
        Set<String> targetNames = targetCalls.await(target.listTopics().names(), "list the topics");
        Set<String> present = new TreeSet<>(sourceTopics.keySet());
        present.retainAll(targetNames);
        Map<String, TopicSnapshot> targetTopics = new HashMap<>();
        describe(target, targetCalls, present).forEach((name, t) -> targetTopics.put(name, t.snapshot()));
        TopicSyncPlan decided = TopicPlanner.plan(
                sourceTopics.values().stream().map(Described::snapshot).toList(), targetTopics, selection);
        excluded.addAll(decided.excluded());
        return new TopicSyncPlan(decided.actions(), decided.adjustments(), excluded);
    }

    /** Plans and reports what {@link #apply} would do; changes nothing on either cluster. */
    public SyncReport dryRun() {
        return dryRun(plan());
    }

    public SyncReport dryRun(TopicSyncPlan plan) {
        List<Item> items = new ArrayList<>();
        for (TopicAction action : plan.actions()) {
            items.add(new Item(action.name(), outcomeOf(action), describeAction(action)));
        }
        return report(plan, items, true);
    }

    /**
     * Applies a plan to the target: creates, then config changes, then partition increases, each split into calls that
     * fit the target's limits ({@link AdminBatches}, {@link dev.cutover.link.internal.AdminLimits}) and reported topic
     * by topic.
     *
     * @throws dev.cutover.api.CutoverException {@code CLUSTER_UNREACHABLE} when the target answers none of a call's
     *     topics within the timeout
     */
    public SyncReport apply(TopicSyncPlan plan) {
        List<CreateTopic> creates = plan.actions(CreateTopic.class);
        List<AlterConfigs> alters = plan.actions(AlterConfigs.class);
        List<AddPartitions> grows = plan.actions(AddPartitions.class);

        BatchResult<String> created = creates.isEmpty()
                ? BatchResult.empty()
                : AdminBatches.createTopics(
                        target,
                        targetCalls,
                        creates.stream()
                                .map(c -> new NewTopic(c.name(), Optional.of(c.partitions()), Optional.empty())
                                        .configs(c.configs()))
                                .toList());
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        alters.forEach(a -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, a.name()), operations(a)));
        BatchResult<ConfigResource> altered = changes.isEmpty()
                ? BatchResult.empty()
                : AdminBatches.incrementalAlterConfigs(target, targetCalls, changes);
        Map<String, NewPartitions> increases = new LinkedHashMap<>();
        Map<String, Integer> from = new HashMap<>();
        grows.forEach(g -> {
            increases.put(g.name(), NewPartitions.increaseTo(g.to()));
            from.put(g.name(), g.from());
        });
        BatchResult<String> grown = increases.isEmpty()
                ? BatchResult.empty()
                : AdminBatches.createPartitions(target, targetCalls, increases, from);

        List<Item> items = new ArrayList<>();
        for (TopicAction action : plan.actions()) {
            Optional<Throwable> failure = Optional.empty();
            if (action instanceof CreateTopic c) {
                failure = created.failure(c.name());
            } else if (action instanceof AlterConfigs a) {
                failure = altered.failure(new ConfigResource(ConfigResource.Type.TOPIC, a.name()));
            } else if (action instanceof AddPartitions g) {
                failure = grown.failure(g.name());
            }
            if (failure.isEmpty()) {
                items.add(new Item(action.name(), outcomeOf(action), describeAction(action)));
            } else {
                String error = BatchResult.text(failure.get());
                log.warn("topic sync: {} failed for {}: {}", kindOf(action), action.name(), error);
                items.add(new Item(
                        action.name(), Outcome.FAILED, kindOf(action) + " failed: " + Redactor.redactText(error)));
            }
        }
        return report(plan, items, false);
    }

    private static SyncReport report(TopicSyncPlan plan, List<Item> actionItems, boolean dryRun) {
        List<Item> items = new ArrayList<>(actionItems);
        plan.adjustments()
                .forEach(a -> items.add(new Item(
                        a.topic(),
                        Outcome.ADJUSTED,
                        a.config()
                                + a.sourceValue()
                                        .map(v -> "=" + Redactor.redactValue(a.config(), v))
                                        .orElse("") + " (" + a.kind() + "): " + a.why())));
        plan.excluded().forEach(e -> items.add(new Item(e.name(), Outcome.EXCLUDED, e.why())));
        return new SyncReport("topics", dryRun, items, List.of());
    }

    private static Collection<AlterConfigOp> operations(AlterConfigs alter) {
        List<AlterConfigOp> ops = new ArrayList<>();
        alter.set().forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        alter.unset().forEach(k -> ops.add(new AlterConfigOp(new ConfigEntry(k, null), AlterConfigOp.OpType.DELETE)));
        return ops;
    }

    private static Outcome outcomeOf(TopicAction action) {
        if (action instanceof CreateTopic) {
            return Outcome.CREATED;
        } else if (action instanceof AlterConfigs) {
            return Outcome.ALTERED;
        } else if (action instanceof AddPartitions) {
            return Outcome.PARTITIONS_ADDED;
        } else if (action instanceof Refuse) {
            return Outcome.REFUSED;
        }
        return Outcome.UNCHANGED;
    }

    private static String kindOf(TopicAction action) {
        if (action instanceof CreateTopic) {
            return "create";
        } else if (action instanceof AlterConfigs) {
            return "alter configs";
        } else if (action instanceof AddPartitions) {
            return "add partitions";
        }
        return "none";
    }

    private static String describeAction(TopicAction action) {
        if (action instanceof CreateTopic c) {
            return c.partitions() + " partitions, configs " + new TreeMap<>(Redactor.redact(c.configs()));
        } else if (action instanceof AlterConfigs a) {
            return "set " + new TreeMap<>(Redactor.redact(a.set())) + ", unset " + new TreeSet<>(a.unset());
        } else if (action instanceof AddPartitions g) {
            return g.from() + " -> " + g.to() + " partitions";
        } else if (action instanceof Refuse r) {
            return r.reason();
        }
        return "";
    }

    private record Described(TopicSnapshot snapshot, boolean internal) {}

    /** Topics and their configs, paged; topics deleted meanwhile are left out. */
    private static Map<String, Described> describe(Admin admin, AdminAwait on, Set<String> names) {
        if (names.isEmpty()) {
            return new HashMap<>();
        }
        Map<String, TopicDescription> descriptions =
                AdminPages.describeTopics(admin, on, names, "describe " + names.size() + " topic(s)");
        Map<String, Config> configs = AdminPages.describeTopicConfigs(
                admin, on, descriptions.keySet(), "describe the configs of " + descriptions.size() + " topic(s)");
        Map<String, Described> result = new HashMap<>();
        descriptions.forEach((name, d) -> {
            Config config = configs.get(name);
            if (config != null) {
                result.put(
                        name,
                        new Described(new TopicSnapshot(name, d.partitions().size(), config), d.isInternal()));
            }
        });
        return result;
    }
}
