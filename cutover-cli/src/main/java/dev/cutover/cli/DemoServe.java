package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.server.dashboard.DashboardServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code demo --serve}: at the end of the demo, the dashboard over its workspace while the clusters, the link and the
 * demo's applications keep running, until Ctrl-C.
 */
final class DemoServe {
    static final int PORT = 8080;

    private DemoServe() {}

    /**
     * Serves until the process is asked to stop, then stops the dashboard. The caller closes the rest and then calls
     * {@link Foreground#finished(int)} on the returned foreground, which ends the process.
     */
    static Foreground serve(Path workspace, PrintWriter out) {
        DashboardServer server;
        try {
            server = DashboardServer.start(DashboardServer.Settings.of(workspace, "127.0.0.1", PORT, Optional.empty()));
        } catch (CutoverException e) {
            out.println("      port " + PORT + " is taken (" + e.getMessage() + "); serving on a free port instead");
            server = DashboardServer.start(DashboardServer.Settings.of(workspace, "127.0.0.1", 0, Optional.empty()));
        }
        try (DashboardServer serving = server) {
            Foreground foreground = Foreground.listen();
            out.println("      dashboard at " + serving.url() + " (read-only; the clusters, the link and the demo's"
                    + " applications keep running)");
            out.println("      Ctrl-C stops the dashboard, the applications and the clusters");
            out.flush();
            foreground.awaitStopRequest();
            out.println("stopping...");
            out.flush();
            return foreground;
        }
    }
}
