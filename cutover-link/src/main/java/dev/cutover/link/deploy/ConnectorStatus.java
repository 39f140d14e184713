package dev.cutover.link.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.config.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A connector's status as Kafka Connect reports it ({@code GET /connectors/NAME/status}): its state and worker, and its
 * tasks'. A failure's stack trace is kept as its first line only (the exception and its message), redacted.
 */
public record ConnectorStatus(State state, String workerId, Optional<String> trace, List<Task> tasks) {
    /** Connect's states of a connector or task; {@link #UNKNOWN} for one this version does not know. */
    public enum State {
        UNASSIGNED,
        RUNNING,
        PAUSED,
        STOPPED,
        FAILED,
        RESTARTING,
        UNKNOWN;

        static State of(String text) {
            try {
                return State.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    /** One task: its id (0, 1, ...), state, worker and the first line of its failure's trace. */
    public record Task(int id, State state, String workerId, Optional<String> trace) {}

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    static ConnectorStatus parse(JsonNode status) {
        JsonNode connector = status.path("connector");
        List<Task> tasks = new ArrayList<>();
        status.path("tasks")
                .forEach(t -> tasks.add(new Task(
                        t.path("id").asInt(),
                        State.of(t.path("state").asText("")),
                        t.path("worker_id").asText(""),
                        firstLine(t.path("trace")))));
        tasks.sort(Comparator.comparingInt(Task::id));
        return new ConnectorStatus(
                State.of(connector.path("state").asText("")),
                connector.path("worker_id").asText(""),
                firstLine(connector.path("trace")),
                tasks);
    }

    private static Optional<String> firstLine(JsonNode trace) {
        if (!trace.isTextual() || trace.asText().isBlank()) {
            return Optional.empty();
        }
        return trace.asText().lines().findFirst().map(String::strip).map(Redactor::redactText);
    }

    /** The connector and every task run, and it has at least one task. */
    public boolean running() {
        return state == State.RUNNING && !tasks.isEmpty() && tasks.stream().allMatch(t -> t.state() == State.RUNNING);
    }

    /** What failed, the connector or its first failed task, with the worker and the trace's first line. */
    public Optional<String> failure() {
        if (state == State.FAILED) {
            return Optional.of("the connector FAILED on " + workerId
                    + trace.map(t -> ": " + t).orElse(""));
        }
        return tasks.stream()
                .filter(t -> t.state() == State.FAILED)
                .findFirst()
                .map(t -> "task " + t.id() + " FAILED on " + t.workerId()
                        + t.trace().map(s -> ": " + s).orElse(""));
    }

    /** The states in a line: {@code connector RUNNING, tasks 0 RUNNING, 1 UNASSIGNED}. */
    public String describe() {
        return "connector " + state
                + (tasks.isEmpty()
                        ? ", no tasks yet"
                        : ", tasks "
                                + String.join(
                                        ", ",
                                        tasks.stream()
                                                .map(t -> t.id() + " " + t.state())
                                                .toList()));
    }
}
