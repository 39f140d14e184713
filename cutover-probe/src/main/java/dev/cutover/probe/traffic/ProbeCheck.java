package dev.cutover.probe.traffic;

import java.util.Locale;
import java.util.Objects;

/**
 * One named check of a probe run.
 *
 * @param name what was checked, e.g. {@code topic payments: shaped records (zstd)}
 * @param area the readiness area its evidence supports
 * @param status the result
 * @param details what the probe saw (never a secret)
 * @param fix what to do when it did not pass; empty otherwise
 */
public record ProbeCheck(String name, ProbeArea area, Status status, String details, String fix) {
    /**
     * A check's result. Only {@link #PASS} counts as proof; {@link #FAIL} and {@link #UNKNOWN} fail the run;
     * {@link #SKIPPED} says that the check does not apply here and why (it proves nothing and blocks nothing).
     */
    public enum Status {
        PASS,
        FAIL,
        /** The probe could not tell (no answer in time, an unexpected error); {@code details} says why. */
        UNKNOWN,
        /** Not exercised here (a single broker, no SASL password to get wrong); {@code details} says why. */
        SKIPPED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProbeCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
        fix = fix == null ? "" : fix;
    }

    public static ProbeCheck pass(String name, ProbeArea area, String details) {
        return new ProbeCheck(name, area, Status.PASS, details, "");
    }

    public static ProbeCheck fail(String name, ProbeArea area, String details, String fix) {
        return new ProbeCheck(name, area, Status.FAIL, details, fix);
    }

    public static ProbeCheck unknown(String name, ProbeArea area, String why, String fix) {
        return new ProbeCheck(name, area, Status.UNKNOWN, why, fix);
    }

    public static ProbeCheck skipped(String name, ProbeArea area, String why) {
        return new ProbeCheck(name, area, Status.SKIPPED, why, "");
    }

    /** Whether it lets the run pass: passed or not applicable. */
    public boolean ok() {
        return status == Status.PASS || status == Status.SKIPPED;
    }
}
