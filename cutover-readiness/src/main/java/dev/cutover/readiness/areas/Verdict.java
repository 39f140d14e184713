package dev.cutover.readiness.areas;

/** Whether a workload may move as far as one area (or everything) is concerned. */
public enum Verdict {
    READY,
    NOT_READY
}
