package dev.cutover.orchestrator.switching;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a switcher did, for the journal and the screen. Never holds a secret.
 *
 * @param done true when the action is complete; false when an operator must act first ({@code manual}): the wave
 *     pauses and {@code wave resume} continues
 * @param summary one sentence, e.g. "rewrote apps/billing/client.properties for target (3 keys)"
 * @param details figures and facts worth keeping (file, command, exit code, duration in ms)
 */
public record SwitchOutcome(boolean done, String summary, Map<String, String> details) {
    public SwitchOutcome {
        Objects.requireNonNull(summary, "summary");
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public static SwitchOutcome done(String summary, Map<String, String> details) {
        return new SwitchOutcome(true, summary, details);
    }

    public static SwitchOutcome waiting(String instruction) {
        return new SwitchOutcome(false, instruction, Map.of());
    }
}
