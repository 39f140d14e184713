package dev.cutover.inventory.jmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides when a client software name and version, counted per listener by the brokers, can be pinned on a specific
 * known client. Pure: no I/O.
 *
 * <p>Invariant: an attribution is made only when it cannot be wrong given the counts, i.e. the only software seen on
 * the client's listener (or, for a client whose listener is unknown, on all listeners) is one name and version, and
 * the known clients there do not outnumber the counted connections. Everything else is reported per listener.
 *
 * <p>Mind that brokers connect to each other (and, in ZooKeeper mode, the controller to every broker) as
 * {@code apache-kafka-java/<broker version>} on the inter-broker listener: on a cluster with one shared listener this
 * makes the clients' listener show two software versions unless the caller removes the brokers' own entries first.
 */
public final class SoftwareAttribution {
    private SoftwareAttribution() {}

    public static AttributionResult attribute(List<ListenerSoftware> counts, List<KnownConnection> clients) {
        Map<String, Map<String, SoftwareCount>> byListener = new TreeMap<>();
        Map<String, SoftwareCount> overall = new TreeMap<>();
        for (ListenerSoftware listener : counts) {
            for (SoftwareCount count : listener.software()) {
                if (count.connections() <= 0) {
                    continue;
                }
                byListener
                        .computeIfAbsent(listener.listener(), l -> new TreeMap<>())
                        .merge(count.software(), count, SoftwareAttribution::sum);
                overall.merge(count.software(), count, SoftwareAttribution::sum);
            }
        }
        Map<String, List<KnownConnection>> clientsByListener = new LinkedHashMap<>();
        for (String listener : byListener.keySet()) {
            clientsByListener.put(listener, new ArrayList<>());
        }
        for (KnownConnection client : clients) {
            clientsByListener
                    .computeIfAbsent(client.listener(), l -> new ArrayList<>())
                    .add(client);
        }

        List<Attribution> attributed = new ArrayList<>();
        List<ListenerAttribution> listeners = new ArrayList<>();
        for (Map.Entry<String, List<KnownConnection>> entry : new TreeMap<>(clientsByListener).entrySet()) {
            String listener = entry.getKey();
            List<KnownConnection> known = entry.getValue();
            boolean unknownListener = listener.isEmpty();
            Map<String, SoftwareCount> software =
                    unknownListener ? overall : byListener.getOrDefault(listener, Map.of());
            List<SoftwareCount> seen = List.copyOf(software.values());
            long connections =
                    seen.stream().mapToLong(SoftwareCount::connections).sum();
            ListenerAttribution.Outcome outcome;
            if (known.isEmpty()) {
                outcome = ListenerAttribution.Outcome.ATTRIBUTED;
            } else if (seen.isEmpty()) {
                outcome = ListenerAttribution.Outcome.NO_CONNECTIONS_SEEN;
            } else if (seen.size() > 1) {
                outcome = ListenerAttribution.Outcome.SEVERAL_SOFTWARE;
            } else if (known.size() > connections) {
                outcome = ListenerAttribution.Outcome.MORE_CLIENTS_THAN_CONNECTIONS;
            } else {
                outcome = ListenerAttribution.Outcome.ATTRIBUTED;
                SoftwareCount only = seen.get(0);
                Attribution.Basis basis = unknownListener
                        ? Attribution.Basis.ONLY_SOFTWARE_ON_ALL_LISTENERS
                        : Attribution.Basis.ONLY_SOFTWARE_ON_LISTENER;
                for (KnownConnection client : known) {
                    attributed.add(
                            new Attribution(client, only.clientSoftwareName(), only.clientSoftwareVersion(), basis));
                }
            }
            List<KnownConnection> left = outcome == ListenerAttribution.Outcome.ATTRIBUTED ? List.of() : known;
            listeners.add(new ListenerAttribution(listener, seen, left, outcome));
        }
        return new AttributionResult(attributed, listeners);
    }

    private static SoftwareCount sum(SoftwareCount a, SoftwareCount b) {
        return new SoftwareCount(a.clientSoftwareName(), a.clientSoftwareVersion(), a.connections() + b.connections());
    }
}
