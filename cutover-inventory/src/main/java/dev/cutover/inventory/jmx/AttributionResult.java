package dev.cutover.inventory.jmx;

import java.util.List;

/** Attributions to known clients, and per listener what stayed ambiguous. */
public record AttributionResult(List<Attribution> attributed, List<ListenerAttribution> listeners) {
    public AttributionResult {
        attributed = List.copyOf(attributed);
        listeners = List.copyOf(listeners);
    }
}
