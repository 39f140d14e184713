package dev.cutover.server;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.net.BindException;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Server;

/** {@code host:port} addresses of cutover's HTTP endpoints, parsed and bound with errors that say what to do. */
public final class Addresses {
    private Addresses() {}

    /**
     * Parses {@code host:port} (or {@code :port}, meaning localhost; {@code [v6]:port} for IPv6).
     *
     * @throws CutoverException (exit 2) naming {@code option} when it is not such an address
     */
    public static InetSocketAddress parse(String address, String option) {
        String value = address == null ? "" : address.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw usage(option + " '" + value + "' is not host:port (e.g. 127.0.0.1:9464, or :9464"
                    + " for localhost; 0.0.0.0:9464 to be scraped from other hosts)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw usage(
                    option + " '" + value + "': the port must be a number from 0 to 65535 (0 takes" + " a free one)");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** Whether the host is this machine only (a loopback name or address). */
    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** Starts {@code server}; a port that is taken or an address that is not this machine's fails with exit 2. */
    public static void start(Server server, String address, String option) {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // nothing was served
            }
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof BindException)) {
                cause = cause.getCause();
            }
            throw usage(option + " " + address + " cannot be served: " + cause.getMessage()
                    + (cause instanceof BindException ? " (another process listens there? choose another port)" : ""));
        }
    }

    private static CutoverException usage(String message) {
        return new CutoverException(Reason.USAGE, message, null);
    }
}
