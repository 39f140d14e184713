package dev.cutover.inventory.jmx;

import java.util.List;
import java.util.Objects;

/**
 * What one broker JMX endpoint told about its clients' software.
 *
 * @param jmxUrl the URL scanned, with any user-info removed
 * @param listeners per broker and listener, the connection counts per client software
 * @param deprecatedRequests requests at deprecated API versions, where the broker has such meters
 * @param problems empty when the endpoint was read completely
 */
public record EndpointSoftware(
        String jmxUrl,
        List<ListenerSoftware> listeners,
        List<DeprecatedRequestUse> deprecatedRequests,
        List<JmxProblem> problems) {
    public EndpointSoftware {
        Objects.requireNonNull(jmxUrl, "jmxUrl");
        listeners = List.copyOf(listeners);
        deprecatedRequests = List.copyOf(deprecatedRequests);
        problems = List.copyOf(problems);
    }

    static EndpointSoftware failed(String jmxUrl, JmxProblem problem) {
        return new EndpointSoftware(jmxUrl, List.of(), List.of(), List.of(problem));
    }

    public boolean complete() {
        return problems.isEmpty();
    }
}
