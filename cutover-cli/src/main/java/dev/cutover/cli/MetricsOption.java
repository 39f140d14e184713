package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.server.MetricsServer;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --metrics-address}: where a long-running command serves Prometheus metrics (over cutover.yaml's metrics:). */
final class MetricsOption {
    @Option(
            names = "--metrics-address",
            paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics while the command runs (also"
                    + " metrics.address in cutover.yaml; off by default). 127.0.0.1:9464 for this machine only,"
                    + " 0.0.0.0:9464 to be scraped from other hosts, port 0 for a free one.")
    String address;

    /** Checks the address before anything else happens (exit 2 naming it when it is not host:port). */
    void validate(Workspace ws) {
        where(ws).ifPresent(a -> dev.cutover.server.Addresses.parse(a, "--metrics-address"));
    }

    private Optional<String> where(Workspace ws) {
        return Optional.ofNullable(address).or(() -> ws.config().metrics().address());
    }

    /**
     * Starts the endpoint when an address is given (flag, else cutover.yaml), saying where on stderr; null when off
     * (try-with-resources skips a null resource).
     */
    MetricsServer open(Workspace ws, PrintWriter err) {
        Optional<String> where =
                Optional.ofNullable(address).or(() -> ws.config().metrics().address());
        if (where.isEmpty()) {
            return null;
        }
        MetricsServer server = MetricsServer.start(where.get(), MetricsServer.newRegistry());
        err.println("metrics: http://" + server.address() + "/metrics");
        err.flush();
        return server;
    }
}
