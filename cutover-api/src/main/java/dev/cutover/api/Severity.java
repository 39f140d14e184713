package dev.cutover.api;

/** How much a finding matters. Ordered from least to most severe. */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
