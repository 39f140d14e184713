package dev.cutover.doctor;

import java.util.Objects;

/**
 * One thing {@code cutover doctor} checked for a profile: what it found, and what to do when it is not fine.
 *
 * @param name what was checked, e.g. {@code reachable}, {@code link 'orders' source topics}
 * @param status the result; {@link Status#UNKNOWN} when doctor cannot tell without changing something, with why
 * @param found what doctor saw (never a secret or a resolved provider value)
 * @param fix what to do; empty when there is nothing to do
 */
public record Check(String name, Status status, String found, String fix) {
    /** A check's result. Only {@link #FAIL} fails the run (exit 1); the others are listed with what they mean. */
    public enum Status {
        /** What the commands need is there. */
        PASS,
        /** The commands will run, but part of their work will be reported and skipped, or a setting is unsafe. */
        WARN,
        /** A command will stop on this. */
        FAIL,
        /** Doctor cannot tell without writing or without access it does not have; {@code found} says why. */
        UNKNOWN
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(found, "found");
        fix = fix == null ? "" : fix;
    }

    static Check pass(String name, String found) {
        return new Check(name, Status.PASS, found, "");
    }

    static Check warn(String name, String found, String fix) {
        return new Check(name, Status.WARN, found, fix);
    }

    static Check fail(String name, String found, String fix) {
        return new Check(name, Status.FAIL, found, fix);
    }

    static Check unknown(String name, String why, String fix) {
        return new Check(name, Status.UNKNOWN, why, fix);
    }
}
