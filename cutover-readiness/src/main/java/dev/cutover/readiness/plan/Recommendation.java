package dev.cutover.readiness.plan;

import java.util.List;
import java.util.Objects;

/**
 * An estate-level recommendation (clean up the inventory first, prove a target with representative clients, change
 * the architecture, design offset and idempotency controls first, compare deployment boundaries) with the inventory
 * facts that led to it.
 *
 * @param code stable code, e.g. {@code PLAN-001}
 */
public record Recommendation(String code, String title, List<String> facts) {
    public Recommendation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        facts = List.copyOf(facts);
    }
}
