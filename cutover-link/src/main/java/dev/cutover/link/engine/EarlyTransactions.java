package dev.cutover.link.engine;

/**
 * The log's account of a run's first transactions, phase by phase, until three have carried records (at most twenty):
 * at thousands of partitions the time to the first copied record is spent there (waiting for the source's first
 * fetch, the checkpoint of every partition, the commit's markers), and later transactions look like them.
 */
final class EarlyTransactions {
    static final int WITH_RECORDS = 3;
    static final int AT_MOST = 20;

    private final EngineEvents events;
    private final long runStart = System.nanoTime();
    private int count;
    private int withRecords;
    private long begun;
    private StartClock clock;

    EarlyTransactions(EngineEvents events) {
        this.events = events;
    }

    private boolean logging() {
        return withRecords < WITH_RECORDS && count < AT_MOST;
    }

    void begin() {
        if (logging()) {
            begun = System.nanoTime();
            clock = new StartClock();
        }
    }

    void lap(String phase) {
        if (logging()) {
            clock.lap(phase);
        }
    }

    void end(long records, int partitions, boolean checkpoint) {
        if (logging()) {
            count++;
            if (records > 0) {
                withRecords++;
            }
            events.detail("transaction " + count + " at +" + (begun - runStart) / 1_000_000 + " ms: " + records
                    + " record(s) to " + partitions + " partition(s)" + (checkpoint ? " and a checkpoint" : "") + "; "
                    + clock.summary("took"));
        }
    }
}
