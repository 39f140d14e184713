package dev.cutover.bench;

import java.io.IOException;

/**
 * The main class of a benchmark's Kafka Connect worker ({@link ConnectWorker}): Kafka's own {@code ConnectDistributed},
 * with the parent's lifeline on stdin. When stdin closes — the benchmark stopped the worker, or died without stopping it
 * (even by SIGKILL) — the worker exits through Connect's shutdown hook, which stops its tasks and leaves its group.
 */
public final class ConnectWorkerMain {
    private ConnectWorkerMain() {}

    public static void main(String[] args) throws Exception {
        Thread lifeline = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // the parent writes nothing: only the end of the stream matters
                        }
                    } catch (IOException e) {
                        // a broken pipe is the parent gone, as an end of stream is
                    }
                    System.exit(0);
                },
                "bench-parent-lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
        org.apache.kafka.connect.cli.ConnectDistributed.main(args);
    }
}
