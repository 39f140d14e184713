package dev.cutover.link.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/** What a quota sync would do: the target entities to set, and the entities left as they are (with why). */
public record QuotaSyncPlan(List<Change> changes, List<SyncReport.Item> untouched) {
    public QuotaSyncPlan {
        changes = List.copyOf(changes);
        untouched = List.copyOf(untouched);
    }

    /**
     * Quota values to set on one target entity (user mapped, defaults kept as defaults).
     *
     * @param created true when the target entity had no quota yet
     */
    public record Change(ClientQuotaEntity entity, Map<String, Double> set, boolean created) {
        public Change {
            Objects.requireNonNull(entity, "entity");
            set = Map.copyOf(set);
        }
    }
}
