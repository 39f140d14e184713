package dev.cutover.probe.traffic;

/**
 * The readiness areas a probe's checks support, spelled as readiness spells them ({@code docs/readiness.md}); the CLI
 * maps them to readiness's own areas when it writes evidence ({@link #OTHER_CLIENTS} has none).
 */
public enum ProbeArea {
    /** Client behaviour on the target: producer, consumer, codecs. */
    PROTOCOL("protocol"),
    /** The workload's own credentials and permissions, from where it runs. */
    IDENTITY("identity"),
    /** The topic contract: configs, record sizes, timestamps, tombstones. */
    TOPICS("topics"),
    /** The workload's signals on the target: broker error and authentication counters, consumer and link lag. */
    OBSERVABILITY("observability"),
    /**
     * Client-version matrix rows of clients other than the workload's own, when its own is known: what other clients
     * of the same topics would meet. Recorded beside the protocol evidence, never deciding it (no readiness area).
     */
    OTHER_CLIENTS("other clients");

    private final String yamlName;

    ProbeArea(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
