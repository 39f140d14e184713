package dev.cutover.cli.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What is shown of a task between two looks at it: how much is done, what remains, the rate and the time left. Pure
 * arithmetic, so that what a bar and a log line say is tested without a clock.
 *
 * <p>The time left is what remains divided by how fast <em>the remainder shrinks</em>, not by the rate of work: when the
 * total grows while the work runs (a link copying a source that is still written to), the remainder shrinks only by
 * the difference, and when it does not shrink at all there is no honest estimate (empty). A total that is not known
 * gives no remainder and no estimate, never a guess.
 *
 * @param done how much is done now
 * @param total the total known now
 * @param rate work done per second between the two looks (empty when no time passed)
 * @param eta time left (empty when the total is unknown, or the remainder did not shrink)
 * @param notGaining the remainder was known at both looks and did not shrink
 */
public record ProgressFigures(
        long done, OptionalLong total, OptionalDouble rate, Optional<Duration> eta, boolean notGaining) {
    /** A look at a task: when (monotonic nanoseconds), how much was done and the total known then. */
    public record Look(long atNanos, long done, OptionalLong total) {}

    /** The figures from an earlier look to a later one. */
    public static ProgressFigures between(Look earlier, Look later) {
        long nanos = later.atNanos() - earlier.atNanos();
        OptionalDouble rate = nanos <= 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((later.done() - earlier.done()) / (nanos / 1e9));
        Optional<Duration> eta = Optional.empty();
        boolean notGaining = false;
        OptionalLong left = remaining(later.done(), later.total());
        if (left.isPresent() && left.getAsLong() == 0) {
            eta = Optional.of(Duration.ZERO);
        } else if (left.isPresent() && nanos > 0) {
            OptionalLong before = remaining(earlier.done(), earlier.total());
            if (before.isPresent() && before.getAsLong() > left.getAsLong()) {
                double shrinkPerNano = (double) (before.getAsLong() - left.getAsLong()) / nanos;
                eta = Optional.of(Duration.ofNanos((long) Math.ceil(left.getAsLong() / shrinkPerNano)));
            } else {
                notGaining = before.isPresent();
            }
        }
        return new ProgressFigures(later.done(), later.total(), rate, eta, notGaining);
    }

    /** What is left: the total less what is done (never below zero), when the total is known. */
    public OptionalLong remaining() {
        return remaining(done, total);
    }

    private static OptionalLong remaining(long done, OptionalLong total) {
        return total.isPresent() ? OptionalLong.of(Math.max(0, total.getAsLong() - done)) : OptionalLong.empty();
    }

    /**
     * One line for a log: {@code copied 1,200 of 5,000 records, 3,800 remaining, 400 records/s, ETA 10 s}; with an
     * unknown total {@code 1,200 records so far (total unknown), 400 records/s}.
     */
    public String line(String unit) {
        StringBuilder s = new StringBuilder();
        if (total.isPresent()) {
            s.append(count(done))
                    .append(" of ")
                    .append(count(total.getAsLong()))
                    .append(' ')
                    .append(unit);
            s.append(", ").append(count(remaining().getAsLong())).append(" remaining");
        } else {
            s.append(count(done)).append(' ').append(unit).append(" so far (total unknown)");
        }
        rate.ifPresent(
                r -> s.append(", ").append(rate(r)).append(' ').append(unit).append("/s"));
        if (total.isPresent() && remaining().getAsLong() > 0) {
            s.append(", ETA ")
                    .append(eta.map(ProgressFigures::duration)
                            .orElse(notGaining ? "unknown (not gaining)" : "unknown"));
        }
        return s.toString();
    }

    /** {@code 12,345}: digits grouped, whatever the locale. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate, whole above 10 and with one decimal below. */
    static String rate(double perSecond) {
        return perSecond >= 10 || perSecond == 0
                ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** {@code 0.2 s}, {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 05 min}. */
    public static String duration(Duration d) {
        if (d.compareTo(Duration.ofSeconds(10)) < 0) {
            return String.format(Locale.ROOT, "%.1f s", Math.max(0, d.toMillis()) / 1000.0);
        }
        long s = Math.max(0, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + " min";
    }
}
