package dev.cutover.inventory.jmx;

import java.util.List;
import java.util.Objects;

/**
 * The client software connected to one listener of one broker.
 *
 * @param broker the {@code broker} key of the MBeans (set by the sandbox's per-cluster JMX, which serves several
 *     brokers); empty when the JMX endpoint is a single broker's
 * @param listener the listener name, e.g. {@code PLAINTEXT}
 * @param software connection counts summed over the listener's network processors; only counts above zero, sorted by
 *     name and version
 */
public record ListenerSoftware(String broker, String listener, List<SoftwareCount> software) {
    public ListenerSoftware {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(listener, "listener");
        software = List.copyOf(software);
    }

    public long connections() {
        return software.stream().mapToLong(SoftwareCount::connections).sum();
    }
}
