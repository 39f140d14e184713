package dev.cutover.link.sync;

import dev.cutover.link.internal.AdminAwait;
import dev.cutover.link.internal.AdminBatches;
import dev.cutover.link.internal.AdminLimits;
import dev.cutover.link.internal.BatchResult;
import dev.cutover.link.sync.SyncReport.Item;
import dev.cutover.link.sync.SyncReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterClientQuotasOptions;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;

/**
 * Copies client quotas (user, client-id and user+client-id entities, including the {@code <default>} entities) from
 * the source to the target. User names follow the principal mapping of {@link AclSyncOptions} ({@code User:alice} →
 * {@code User:alice@corp} turns the quota of user {@code alice} into one of {@code alice@corp}).
 *
 * <p>Only values the source has are set; a quota the target has and the source has not is left alone (the sync
 * cannot tell one it copied earlier from one the target's operators set). IP quotas are not copied: addresses differ
 * between networks. The source is only read ({@code describeClientQuotas}).
 */
public final class QuotaSync {
    private final Admin source;
    private final Admin target;
    private final Map<String, String> principalMapping;
    private final AdminAwait sourceCalls;
    private final AdminAwait targetCalls;

    public QuotaSync(Admin source, Admin target, Map<String, String> principalMapping) {
        this(source, target, principalMapping, Duration.ofSeconds(60));
    }

    public QuotaSync(Admin source, Admin target, Map<String, String> principalMapping, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.principalMapping = Map.copyOf(principalMapping);
        this.sourceCalls = AdminCalls.source(timeout);
        this.targetCalls = AdminCalls.target(timeout);
    }

    /** Reads both clusters and decides; changes nothing. */
    public QuotaSyncPlan plan() {
        Map<ClientQuotaEntity, Map<String, Double>> sourceQuotas = sourceCalls.await(
                source.describeClientQuotas(ClientQuotaFilter.all()).entities(), "describe the client quotas");
        Map<ClientQuotaEntity, Map<String, Double>> targetQuotas = targetCalls.await(
                target.describeClientQuotas(ClientQuotaFilter.all()).entities(), "describe the client quotas");
        List<QuotaSyncPlan.Change> changes = new ArrayList<>();
        List<Item> untouched = new ArrayList<>();
        List<ClientQuotaEntity> entities = sourceQuotas.keySet().stream()
                .sorted(Comparator.comparing(QuotaSync::describe))
                .toList();
        for (ClientQuotaEntity entity : entities) {
            Map<String, Double> values = sourceQuotas.get(entity);
            if (values.isEmpty()) {
                continue;
            }
            if (entity.entries().containsKey(ClientQuotaEntity.IP)) {
                untouched.add(new Item(
                        describe(entity),
                        Outcome.SKIPPED,
                        "IP quotas are not copied: addresses differ between networks"));
                continue;
            }
            ClientQuotaEntity mapped = map(entity);
            Map<String, Double> current = targetQuotas.getOrDefault(mapped, Map.of());
            Map<String, Double> set = new TreeMap<>();
            values.forEach((key, value) -> {
                if (!value.equals(current.get(key))) {
                    set.put(key, value);
                }
            });
            if (set.isEmpty()) {
                untouched.add(new Item(describe(mapped), Outcome.UNCHANGED, ""));
            } else {
                changes.add(new QuotaSyncPlan.Change(mapped, set, current.isEmpty()));
            }
        }
        return new QuotaSyncPlan(changes, untouched);
    }

    public SyncReport dryRun() {
        return dryRun(plan());
    }

    public SyncReport dryRun(QuotaSyncPlan plan) {
        List<Item> items = new ArrayList<>();
        plan.changes().forEach(c -> items.add(new Item(describe(c.entity()), outcomeOf(c), "set " + c.set())));
        items.addAll(plan.untouched());
        return new SyncReport("quotas", true, items, List.of());
    }

    /**
     * Sets the planned quotas in calls that fit the target's limits ({@link AdminBatches#write}, one controller record
     * per value); each entity is reported on its own.
     */
    public SyncReport apply(QuotaSyncPlan plan) {
        List<Item> items = new ArrayList<>();
        if (!plan.changes().isEmpty()) {
            BatchResult<ClientQuotaEntity> results = AdminBatches.write(
                    targetCalls,
                    "set the client quotas of " + plan.changes().size() + " entities",
                    plan.changes(),
                    QuotaSyncPlan.Change::entity,
                    c -> AdminLimits.quotaRecords(c.set()),
                    batch -> target.alterClientQuotas(
                                    batch.stream()
                                            .map(c -> new ClientQuotaAlteration(
                                                    c.entity(),
                                                    c.set().entrySet().stream()
                                                            .map(e -> new ClientQuotaAlteration.Op(
                                                                    e.getKey(), e.getValue()))
                                                            .toList()))
                                            .toList(),
                                    new AlterClientQuotasOptions().timeoutMs(millis()))
                            .values());
            for (QuotaSyncPlan.Change change : plan.changes()) {
                Optional<Throwable> failure = results.failure(change.entity());
                items.add(
                        failure.isEmpty()
                                ? new Item(describe(change.entity()), outcomeOf(change), "set " + change.set())
                                : new Item(describe(change.entity()), Outcome.FAILED, BatchResult.text(failure.get())));
            }
        }
        items.addAll(plan.untouched());
        return new SyncReport("quotas", false, items, List.of());
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, targetCalls.timeout().toMillis());
    }

    private static Outcome outcomeOf(QuotaSyncPlan.Change change) {
        return change.created() ? Outcome.CREATED : Outcome.ALTERED;
    }

    private ClientQuotaEntity map(ClientQuotaEntity entity) {
        Map<String, String> entries = new HashMap<>(entity.entries());
        String user = entries.get(ClientQuotaEntity.USER);
        if (user != null) {
            String mapped = principalMapping.get("User:" + user);
            if (mapped != null && mapped.startsWith("User:")) {
                entries.put(ClientQuotaEntity.USER, mapped.substring("User:".length()));
            }
        }
        return new ClientQuotaEntity(entries);
    }

    /** E.g. {@code user=alice,client-id=<default>}. */
    static String describe(ClientQuotaEntity entity) {
        return new TreeMap<>(entity.entries())
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + (e.getValue() == null ? "<default>" : e.getValue()))
                        .collect(Collectors.joining(","));
    }
}
