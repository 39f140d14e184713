package dev.cutover.readiness.plan;

import java.util.Locale;

/** How much harm a mistake in a workload's move can do. Ordered from least to most. */
public enum RiskClass {
    LOW,
    MEDIUM,
    HIGH;

    /** The spelling used in {@code plan.yaml} and the reports. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
