package dev.cutover.link.engine;

/**
 * The log's account of a run's first few transactions, phase by phase: at thousands of partitions the time to the
 * first copied record is spent there (polling, sending, the checkpoint of every partition, the commit's markers), and
 * later transactions look like them.
 */
final class EarlyTransactions {
    static final int LOGGED = 5;

    private final EngineEvents events;
    private final long runStart = System.nanoTime();
    private int count;
    private long begun;
    private StartClock clock;

    EarlyTransactions(EngineEvents events) {
        this.events = events;
    }

    void begin() {
        if (count < LOGGED) {
            begun = System.nanoTime();
            clock = new StartClock();
        }
    }

    void lap(String phase) {
        if (count < LOGGED) {
            clock.lap(phase);
        }
    }

    void end(long records, int partitions, boolean checkpoint) {
        if (count < LOGGED) {
            count++;
            events.detail("transaction " + count + " at +" + (begun - runStart) / 1_000_000 + " ms: " + records
                    + " record(s) to " + partitions + " partition(s)" + (checkpoint ? " and a checkpoint" : "") + "; "
                    + clock.summary("took"));
        }
    }
}
