package dev.cutover.inventory.jmx;

import java.util.List;
import java.util.Objects;

/**
 * The software on one listener (all brokers and endpoints together) and the known clients on it that could not be
 * attributed to one software.
 *
 * @param listener the listener name; empty for the clients whose listener is unknown
 * @param software connection counts per software on that listener (all listeners for the empty name)
 * @param unattributed known clients left without an attribution
 * @param outcome why they were left so, or {@link Outcome#ATTRIBUTED} when none was
 */
public record ListenerAttribution(
        String listener, List<SoftwareCount> software, List<KnownConnection> unattributed, Outcome outcome) {
    public enum Outcome {
        /** Every known client on the listener got an attribution (or there were none). */
        ATTRIBUTED,
        /** Several software names or versions are connected: which client runs which is not knowable from counts. */
        SEVERAL_SOFTWARE,
        /** More known clients than counted connections: the counts are stale or the client list is wrong. */
        MORE_CLIENTS_THAN_CONNECTIONS,
        /** The brokers reported no connection on this listener. */
        NO_CONNECTIONS_SEEN
    }

    public ListenerAttribution {
        Objects.requireNonNull(listener, "listener");
        software = List.copyOf(software);
        unattributed = List.copyOf(unattributed);
        Objects.requireNonNull(outcome, "outcome");
    }
}
