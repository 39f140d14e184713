package dev.cutover.orchestrator;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.probe.traffic.BrokerErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target brokers' error counters over a move's observe window, where the target profile names {@code jmx:} URLs:
 * read when the window opens and when it closes. Failed authentications or authorization failures during the window
 * block the confirmation (Kafka counts them per broker, not per principal, so they may be the moved client's: its
 * credentials or ACLs on the target); failed produce and fetch requests are recorded. Counters that could not be read
 * block it too: a missing answer is never "no errors". Without {@code jmx:} URLs nothing is read, and the figures say so.
 */
final class BrokerErrorWatch {
    private final ConnectionProfile target;
    private final BrokerErrors.Totals before;

    private BrokerErrorWatch(ConnectionProfile target, BrokerErrors.Totals before) {
        this.target = target;
        this.before = before;
    }

    static BrokerErrorWatch open(ConnectionProfile target) {
        return new BrokerErrorWatch(
                target, target.jmxUrls().isEmpty() ? null : BrokerErrors.read(target.jmxUrls(), target.timeout()));
    }

    /**
     * Closes the window: adds the figures ({@code brokerErrors.*}) and returns why the confirmation is blocked, if it
     * is.
     */
    Optional<String> close(Map<String, String> figures) {
        if (before == null) {
            figures.put("brokerErrors", "not read: the target profile has no jmx: URLs");
            return Optional.empty();
        }
        BrokerErrors.Totals after = BrokerErrors.read(target.jmxUrls(), target.timeout());
        List<String> problems = before.problems().isEmpty() ? after.problems() : before.problems();
        if (!problems.isEmpty()) {
            figures.put("brokerErrors", "unknown: " + String.join("; ", problems));
            return Optional.of("the target brokers' error counters could not be read over the window ("
                    + String.join("; ", problems) + ")");
        }
        Map<String, Long> growth = BrokerErrors.growth(before, after);
        growth.forEach((k, v) -> figures.put("brokerErrors." + k, Long.toString(v)));
        long auth = growth.getOrDefault(BrokerErrors.FAILED_AUTHENTICATION, 0L);
        long authz = growth.getOrDefault(BrokerErrors.AUTHORIZATION_FAILED, 0L);
        if (auth + authz > 0) {
            return Optional.of("the target brokers counted " + auth + " failed authentication(s) and " + authz
                    + " authorization failure(s) during the window (per broker, not per client: check the moved"
                    + " client's credentials and ACLs on the target, and its log)");
        }
        return Optional.empty();
    }
}
