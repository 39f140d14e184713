package dev.cutover.probe.matrix;

import java.nio.charset.StandardCharsets;

/**
 * One client's round trip: N records to partition 0 of its own probe topic, read back by a fresh group, all before
 * {@code deadlineNanos} ({@link System#nanoTime()}).
 */
record RoundTrip(String topic, String group, int records, String runId, long deadlineNanos) {
    byte[] key(int i) {
        return ("k-" + i).getBytes(StandardCharsets.UTF_8);
    }

    byte[] value(int i) {
        return ("v-" + i + "-" + runId).getBytes(StandardCharsets.UTF_8);
    }

    byte[] header(int i) {
        return ("h-" + i).getBytes(StandardCharsets.UTF_8);
    }

    long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    long deadlineMillis() {
        return Math.max(1, remainingMillis());
    }
}
