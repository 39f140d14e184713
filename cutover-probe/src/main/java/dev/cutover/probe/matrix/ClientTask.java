package dev.cutover.probe.matrix;

/** One client's round trip, reporting into {@link Progress} as it goes. */
@FunctionalInterface
interface ClientTask {
    void run(Progress progress) throws Exception;
}
