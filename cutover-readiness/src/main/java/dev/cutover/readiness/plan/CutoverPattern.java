package dev.cutover.readiness.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a wave moves its clients.
 *
 * <ul>
 *   <li>{@code endpoint-switch}: the clients switch bootstrap in one step (nothing reads what they write elsewhere).
 *   <li>{@code consumer-first}: consumers move first and read the linked copy while producers still write to the
 *       source; producers follow.
 *   <li>{@code producer-first}: producers move first; a reverse link feeds consumers still on the source.
 *   <li>{@code linked}: producers and consumers coupled through topics (or a read-process-write transaction) move
 *       together in one step while the link holds the data in sync.
 *   <li>{@code dual-write}: producers write to both clusters for a while (only where duplicates are harmless).
 * </ul>
 */
public enum CutoverPattern {
    ENDPOINT_SWITCH,
    CONSUMER_FIRST,
    PRODUCER_FIRST,
    LINKED,
    DUAL_WRITE;

    /** The spelling used in {@code plan.yaml} and the reports, e.g. {@code consumer-first}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CutoverPattern> fromYaml(String text) {
        return Arrays.stream(values()).filter(p -> p.yamlName().equals(text)).findFirst();
    }
}
