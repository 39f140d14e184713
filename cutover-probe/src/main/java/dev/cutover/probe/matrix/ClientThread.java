package dev.cutover.probe.matrix;

import dev.cutover.config.Redactor;
import dev.cutover.probe.traffic.ProbeCheck.Status;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one client's task on its own daemon thread with a deadline, and turns what happened into its row. */
final class ClientThread {
    private ClientThread() {}

    static MatrixRow run(ClientSpec spec, ClientTask task, Progress progress, Duration deadline, long t0) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        task.run(progress);
                    } catch (Throwable e) {
                        error.set(e);
                    }
                },
                "cutover-matrix-" + spec.label().replace(' ', '-'));
        t.setDaemon(true);
        t.start();
        try {
            t.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String notes = progress.notes();
        if (t.isAlive()) {
            t.interrupt();
            return new MatrixRow(
                    spec.label(),
                    progress.failedAtCurrent(),
                    Status.FAIL,
                    Redactor.redactText(name(spec) + ": no answer within " + deadline.toSeconds() + " s while "
                            + progress.step() + describeSlow(spec)),
                    ClientMatrix.millis(t0));
        }
        Throwable e = error.get();
        if (e != null) {
            return new MatrixRow(
                    spec.label(),
                    progress.failedAtCurrent(),
                    Status.FAIL,
                    Redactor.redactText(name(spec) + ": " + failure(progress.step(), e)),
                    ClientMatrix.millis(t0));
        }
        Map<MatrixCheck, Status> results = progress.results();
        return new MatrixRow(
                spec.label(),
                results,
                Status.PASS,
                notes.isEmpty() ? "all checks passed" : notes,
                ClientMatrix.millis(t0));
    }

    private static String name(ClientSpec spec) {
        return spec instanceof ClientSpec.KafkaJava j ? j.version() : spec.label();
    }

    private static String describeSlow(ClientSpec spec) {
        return spec instanceof ClientSpec.KafkaJava
                ? " (the broker closed the connection or never answered: a target that no longer serves this"
                        + " client's protocol versions disconnects it)"
                : "";
    }

    private static String failure(String step, Throwable e) {
        String d = describe(e);
        if (d.contains("disconnected") || d.contains("closed the connection")) {
            return "the broker closed the connection while " + step + " (" + d + ")";
        }
        if (d.contains("Unknown compression type id: 4")) {
            // a client from before KIP-110 meets zstd batches: id 4 is zstd, which kafka-clients reads since 2.1
            return step + " failed: " + d + " (id 4 is zstd: this client cannot read zstd batches, which the topic's"
                    + " compression.type=zstd makes the broker store; kafka-clients reads them since 2.1)";
        }
        return step + " failed: " + d;
    }

    static String describe(Throwable e) {
        while ((e instanceof java.lang.reflect.InvocationTargetException
                        || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root != e) {
            msg += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                    + ")";
        }
        return msg;
    }
}
