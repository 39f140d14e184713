package dev.cutover.inventory.connect;

import dev.cutover.config.Redactor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One connector as the workers' REST API describes it.
 *
 * @param name its name
 * @param type {@code source}, {@code sink} or {@code unknown}
 * @param state the connector's own state: {@code RUNNING}, {@code PAUSED}, {@code STOPPED}, {@code FAILED}, {@code
 *     UNASSIGNED}, {@code RESTARTING}
 * @param taskStates each task's state, by task id
 * @param config its configuration, secrets redacted
 */
public record Connector(String name, String type, String state, List<String> taskStates, Map<String, String> config) {
    public Connector {
        taskStates = List.copyOf(taskStates);
        config = Map.copyOf(config);
    }

    static Map<String, String> redacted(Map<String, String> config) {
        return new TreeMap<>(Redactor.redact(config));
    }

    public boolean sink() {
        return type.equals("sink");
    }

    /** Whether it and every task of it are in {@code wanted}. */
    public boolean all(String wanted) {
        return state.equals(wanted) && taskStates.stream().allMatch(wanted::equals);
    }

    /** Whether it runs: its own state and every task's {@code RUNNING}, with at least one task. */
    public boolean running() {
        return all("RUNNING") && !taskStates.isEmpty();
    }

    /** The consumer group of a sink connector: {@code consumer.override.group.id}, else {@code connect-<name>}. */
    public String sinkGroup() {
        return config.getOrDefault("consumer.override.group.id", "connect-" + name);
    }

    /** One line for people: {@code name (sink, RUNNING, tasks RUNNING,RUNNING)}. */
    public String describe() {
        return name + " (" + type + ", " + state + ", tasks "
                + (taskStates.isEmpty() ? "none" : String.join(",", taskStates)) + ")";
    }
}
