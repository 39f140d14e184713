package dev.cutover.sandbox.estate;

import java.util.Map;

/**
 * A topic of the sample estate, with the configs it is created with (only those that differ from the broker's
 * defaults).
 */
public record EstateTopic(String name, int partitions, Map<String, String> configs) {
    public EstateTopic {
        configs = Map.copyOf(configs);
    }
}
