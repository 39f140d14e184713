package dev.cutover.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in workspace files: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO {@code PT30S}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {}

    /** The duration, if the text is one of the accepted forms, positive and within a long of milliseconds. */
    public static Optional<Duration> parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(t);
            }
            d.toMillis(); // every user of a duration counts in milliseconds; one that overflows them is no duration
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // NumberFormatException: more digits than a long holds
            return Optional.empty();
        }
        return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** The shortest exact short form: {@code 30s}, {@code 1500ms}, {@code 2m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
