package dev.cutover.inventory.jmx;

import java.util.Objects;

/**
 * A live client connection we know of from elsewhere (config files, a manifest, group members).
 *
 * @param clientId the client's {@code client.id}
 * @param host the client's host, empty if unknown
 * @param listener the broker listener it connects to, empty if unknown
 */
public record KnownConnection(String clientId, String host, String listener) {
    public KnownConnection {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(listener, "listener");
    }

    public boolean listenerKnown() {
        return !listener.isEmpty();
    }
}
