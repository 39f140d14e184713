package dev.cutover.probe.matrix;

import dev.cutover.probe.traffic.ProbeCheck.Status;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a client's run has proven so far, written by the client's thread and read by the matrix when the run ends or
 * its deadline passes (so a hung client still reports the step it hung in).
 */
final class Progress {
    private final Map<MatrixCheck, Status> results = new EnumMap<>(MatrixCheck.class);
    private final StringBuilder notes = new StringBuilder();
    private MatrixCheck current = MatrixCheck.PRODUCE;
    private String step = "resolving the client";

    synchronized void step(MatrixCheck check, String what) {
        current = check;
        step = what;
    }

    synchronized void pass(MatrixCheck check) {
        results.put(check, Status.PASS);
    }

    synchronized void skip(MatrixCheck check, String why) {
        results.put(check, Status.SKIPPED);
        note(check.word() + " skipped: " + why);
    }

    synchronized void note(String text) {
        if (!notes.isEmpty()) {
            notes.append("; ");
        }
        notes.append(text);
    }

    synchronized String step() {
        return step;
    }

    synchronized String notes() {
        return notes.toString();
    }

    /** The results with the current step failed and the ones after it unknown (not reached). */
    synchronized Map<MatrixCheck, Status> failedAtCurrent() {
        Map<MatrixCheck, Status> out = new EnumMap<>(results);
        for (MatrixCheck c : MatrixCheck.values()) {
            out.putIfAbsent(c, c == current ? Status.FAIL : Status.UNKNOWN);
        }
        return out;
    }

    synchronized Map<MatrixCheck, Status> results() {
        Map<MatrixCheck, Status> out = new EnumMap<>(results);
        for (MatrixCheck c : MatrixCheck.values()) {
            out.putIfAbsent(c, Status.UNKNOWN);
        }
        return out;
    }
}
