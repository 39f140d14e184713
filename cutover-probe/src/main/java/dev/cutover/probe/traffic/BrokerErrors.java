package dev.cutover.probe.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target brokers' error counters, read through the target profile's {@code jmx:} URLs, for watching a window (a
 * wave's observe step): failed produce and fetch requests, failed authentications, and requests refused with an
 * authorization error. Kafka counts them per broker, not per client or principal: a rise over a window says that some
 * client met errors then, which a move's observer must look at; it does not prove which client.
 */
public final class BrokerErrors {
    public static final String FAILED_PRODUCE = "failedProduce";
    public static final String FAILED_FETCH = "failedFetch";
    public static final String FAILED_AUTHENTICATION = "failedAuthentication";
    public static final String AUTHORIZATION_FAILED = "authorizationFailed";

    private BrokerErrors() {}

    /**
     * Counter totals over every URL that answered, and why each URL that did not answer could not be read.
     *
     * @param counts per counter ({@link #FAILED_PRODUCE} ...), the sum over brokers
     * @param problems one line per URL that could not be read (secrets redacted)
     */
    public record Totals(Map<String, Long> counts, List<String> problems) {
        public Totals {
            counts = Map.copyOf(counts);
            problems = List.copyOf(problems);
        }
    }

    /** Reads every URL in parallel, within {@code timeout} in all. */
    public static Totals read(List<String> urls, Duration timeout) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (BrokerMetrics.Reading r : BrokerMetrics.read(urls, timeout)) {
            if (!r.answered()) {
                problems.add(r.problem());
                continue;
            }
            counts.merge(FAILED_PRODUCE, r.sum(BrokerMetrics.Signal.FAILED_PRODUCE), Long::sum);
            counts.merge(FAILED_FETCH, r.sum(BrokerMetrics.Signal.FAILED_FETCH), Long::sum);
            counts.merge(FAILED_AUTHENTICATION, r.sum(BrokerMetrics.Signal.FAILED_AUTHENTICATION), Long::sum);
            counts.merge(
                    AUTHORIZATION_FAILED,
                    r.authorizationFailures().stream()
                            .mapToLong(BrokerMetrics.Value::value)
                            .sum(),
                    Long::sum);
        }
        return new Totals(counts, problems);
    }

    /** How much each counter grew from {@code before} to {@code after} (a broker restart's reset counts as 0). */
    public static Map<String, Long> growth(Totals before, Totals after) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.counts()
                .forEach((k, v) -> out.put(k, Math.max(0, v - before.counts().getOrDefault(k, 0L))));
        return out;
    }
}
