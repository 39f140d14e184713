package dev.cutover.orchestrator;

import java.util.List;

/** The journal's step names (a public contract: {@code docs/waves.md} lists them). */
public final class Steps {
    private Steps() {}

    /** Wave: the readiness gate's verdict, or the reason it was overridden. */
    public static final String GATE = "gate";
    /** Wave: the workloads, groups and offsets decisions this run moves. */
    public static final String PLAN = "plan";
    /** Dual-write wave: the two clusters' copies of the dual-written topics agree by content over the window. */
    public static final String COMPARE = "compare-dual-writes";
    /** Wave: every workload confirmed on the target. */
    public static final String CONFIRM_WAVE = "confirm-wave";
    /** Wave: every moved workload back on the source. */
    public static final String ROLLED_BACK = "rolled-back";

    public static final String STOP_SOURCE = "stop-source";
    public static final String AWAIT_EMPTY_SOURCE = "await-empty-source";
    public static final String OFFSETS = "offsets";
    public static final String START_TARGET = "start-target";
    public static final String AWAIT_QUIET_SOURCE = "await-quiet-source";
    public static final String DRAIN_FORWARD = "drain-forward";
    public static final String START_REVERSE = "start-reverse";
    public static final String RETIRE_SOURCE = "retire-source";
    public static final String AWAIT_MEMBERS_TARGET = "await-members-target";
    public static final String OBSERVE = "observe";
    public static final String CONFIRM = "confirm";

    /** Kafka Connect: the move pauses the workers' running connectors (REST) and waits until they and their tasks are. */
    public static final String PAUSE_CONNECTORS = "pause-connectors";
    /** Kafka Connect: the connectors the move paused are resumed on the target and run there. */
    public static final String RESUME_CONNECTORS = "resume-connectors";

    public static final String ROLLBACK_PAUSE_CONNECTORS = "rollback-pause-connectors";
    public static final String ROLLBACK_RESUME_CONNECTORS = "rollback-resume-connectors";
    public static final String ROLLBACK_STOP_TARGET = "rollback-stop-target";
    public static final String ROLLBACK_AWAIT_EMPTY_TARGET = "rollback-await-empty-target";
    public static final String ROLLBACK_OFFSETS = "rollback-offsets";
    public static final String ROLLBACK_AWAIT_QUIET_TARGET = "rollback-await-quiet-target";
    public static final String ROLLBACK_DRAIN_REVERSE = "rollback-drain-reverse";
    public static final String ROLLBACK_RESUME_FORWARD = "rollback-resume-forward";
    public static final String ROLLBACK_START_SOURCE = "rollback-start-source";
    public static final String ROLLBACK_AWAIT_MEMBERS_SOURCE = "rollback-await-members-source";
    public static final String ROLLBACK_CONFIRM = "rollback-confirm";

    /** A consumer's forward steps, in order. */
    public static final List<String> CONSUMER =
            List.of(STOP_SOURCE, AWAIT_EMPTY_SOURCE, OFFSETS, START_TARGET, AWAIT_MEMBERS_TARGET, OBSERVE, CONFIRM);

    /** A producer's forward steps, in order. */
    public static final List<String> PRODUCER =
            List.of(STOP_SOURCE, AWAIT_QUIET_SOURCE, DRAIN_FORWARD, START_TARGET, START_REVERSE, OBSERVE, CONFIRM);

    /** A dual-writing producer's forward steps, in order: its writes to the source end, with no copy to drain. */
    public static final List<String> DUAL_WRITE_PRODUCER =
            List.of(STOP_SOURCE, AWAIT_QUIET_SOURCE, RETIRE_SOURCE, START_TARGET, START_REVERSE, OBSERVE, CONFIRM);

    /**
     * A processor's forward steps (Kafka Streams, read-process-write), in order: stopped, its groups empty and its
     * written topics quiet, the forward copy of those drains, its groups' positions move exactly (the repartition
     * topics' through the drained maps), then it starts on the target.
     */
    public static final List<String> PROCESSOR = List.of(
            STOP_SOURCE,
            AWAIT_EMPTY_SOURCE,
            AWAIT_QUIET_SOURCE,
            DRAIN_FORWARD,
            OFFSETS,
            START_TARGET,
            AWAIT_MEMBERS_TARGET,
            START_REVERSE,
            OBSERVE,
            CONFIRM);

    /** Kafka Connect workers' forward steps, in order: a processor's, with their connectors paused and resumed. */
    public static final List<String> CONNECT = List.of(
            PAUSE_CONNECTORS,
            STOP_SOURCE,
            AWAIT_EMPTY_SOURCE,
            AWAIT_QUIET_SOURCE,
            DRAIN_FORWARD,
            OFFSETS,
            START_TARGET,
            RESUME_CONNECTORS,
            AWAIT_MEMBERS_TARGET,
            START_REVERSE,
            OBSERVE,
            CONFIRM);

    /** Kafka Connect workers' rollback steps, in order. */
    public static final List<String> CONNECT_ROLLBACK = List.of(
            ROLLBACK_PAUSE_CONNECTORS,
            ROLLBACK_STOP_TARGET,
            ROLLBACK_AWAIT_EMPTY_TARGET,
            ROLLBACK_AWAIT_QUIET_TARGET,
            ROLLBACK_DRAIN_REVERSE,
            ROLLBACK_OFFSETS,
            ROLLBACK_RESUME_FORWARD,
            ROLLBACK_START_SOURCE,
            ROLLBACK_RESUME_CONNECTORS,
            ROLLBACK_AWAIT_MEMBERS_SOURCE,
            ROLLBACK_CONFIRM);

    /** A processor's rollback steps, in order. */
    public static final List<String> PROCESSOR_ROLLBACK = List.of(
            ROLLBACK_STOP_TARGET,
            ROLLBACK_AWAIT_EMPTY_TARGET,
            ROLLBACK_AWAIT_QUIET_TARGET,
            ROLLBACK_DRAIN_REVERSE,
            ROLLBACK_OFFSETS,
            ROLLBACK_RESUME_FORWARD,
            ROLLBACK_START_SOURCE,
            ROLLBACK_AWAIT_MEMBERS_SOURCE,
            ROLLBACK_CONFIRM);

    /** A producer's rollback steps, in order. */
    public static final List<String> PRODUCER_ROLLBACK = List.of(
            ROLLBACK_STOP_TARGET,
            ROLLBACK_AWAIT_QUIET_TARGET,
            ROLLBACK_DRAIN_REVERSE,
            ROLLBACK_RESUME_FORWARD,
            ROLLBACK_START_SOURCE,
            ROLLBACK_CONFIRM);

    /** A workload's rollback steps, in order. */
    public static final List<String> ROLLBACK = List.of(
            ROLLBACK_STOP_TARGET,
            ROLLBACK_AWAIT_EMPTY_TARGET,
            ROLLBACK_OFFSETS,
            ROLLBACK_START_SOURCE,
            ROLLBACK_AWAIT_MEMBERS_SOURCE,
            ROLLBACK_CONFIRM);
}
