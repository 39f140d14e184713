package dev.cutover.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code metrics:} section of {@code cutover.yaml}: where long-running commands ({@code link start}, {@code wave
 * run}, {@code wave rollback}) serve Prometheus metrics. Off unless an address is given (here or with {@code
 * --metrics-address}, which wins).
 *
 * @param address {@code host:port} to serve {@code /metrics} on, if any
 */
public record MetricsSettings(Optional<String> address) {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]*):[0-9]{1,5}");

    public MetricsSettings {
        Objects.requireNonNull(address, "address");
    }

    public static MetricsSettings off() {
        return new MetricsSettings(Optional.empty());
    }

    /** Whether {@code text} reads as {@code host:port}, {@code :port} or {@code [v6]:port}, the port at most 65535. */
    public static boolean validAddress(String text) {
        return HOST_PORT.matcher(text).matches()
                && Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)) <= 65535;
    }
}
