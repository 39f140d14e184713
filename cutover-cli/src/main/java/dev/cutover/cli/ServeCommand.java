package dev.cutover.cli;

import dev.cutover.server.dashboard.DashboardServer;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves a live web dashboard of the migration, and its read-only JSON API, until Ctrl-C.",
            "",
            "One page with five sections, refreshed every few seconds: Overview; Estate (the clusters in",
            "cutover.yaml, and from reports/inventory.json the source's topics, groups, workloads with their",
            "owners, and clients no workload claims); Plan & readiness (the waves in order with their pattern",
            "and why, each workload's seven areas with verdict, findings and evidence, from plan.yaml and",
            "reports/readiness.json); Links (each link's partitions read from the target every 3 s, as `link",
            "status` reads them: state, lag, stopped partitions with their reasons, and charts of lag and",
            "records/s over the last 30 minutes); Waves (each wave's steps, waits and failures from the",
            "journal, pause and replayed/skipped records of each move, stray clients, the latest entries).",
            "What cannot be read (no report yet, the target unreachable) is shown as unknown, with why.",
            "",
            "The API: GET /api/overview, /api/estate, /api/plan, /api/readiness, /api/links, /api/waves;",
            "and /metrics (Prometheus). It only reads: no request changes anything (other methods: 405).",
            "Everything is served by this process, nothing is fetched from the internet (docs/serve.md).",
            "",
            "It listens on 127.0.0.1 unless --bind says otherwise; any other address needs a token",
            "(CUTOVER_SERVE_TOKEN, or --token), which every request must then carry: open the page once",
            "with ?token=TOKEN (it is kept in a cookie), or send 'Authorization: Bearer TOKEN'."
        },
        footer = {
            "",
            "Examples:",
            "  cutover serve --workspace ws                              http://127.0.0.1:8080/",
            "  CUTOVER_SERVE_TOKEN=$(openssl rand -hex 24) cutover serve --workspace ws --bind 0.0.0.0",
            "",
            "Exit codes: 0 stopped with Ctrl-C / SIGTERM, 2 bad workspace, a port in use, or another",
            "            address than loopback without a token."
        })
final class ServeCommand implements Callable<Integer> {
    /** The environment variable that holds the token (safer than --token, which other users may see in ps). */
    static final String TOKEN_ENV = "CUTOVER_SERVE_TOKEN";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Option(
            names = "--port",
            defaultValue = "8080",
            paramLabel = "PORT",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 takes a free one).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only); any other, e.g."
                    + " 0.0.0.0, needs a token.")
    String bind;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "The token every request must carry, 16 or more letters, digits or . _ ~ + / = -"
                    + " (default: $" + TOKEN_ENV + ", which other users cannot see in the process list).")
    String token;

    @Override
    public Integer call() {
        workspace.load(); // the profiles' warnings, and a bad workspace as exit 2, before anything is served
        Optional<String> secret = Optional.ofNullable(token)
                .or(() -> Optional.ofNullable(System.getenv(TOKEN_ENV)))
                .filter(t -> !t.isEmpty());
        PrintWriter err = spec.commandLine().getErr();
        DashboardServer server = DashboardServer.start(DashboardServer.Settings.of(workspace.dir, bind, port, secret));
        Foreground foreground;
        try {
            foreground = Foreground.listen();
            announce(err, server.url(), secret.isPresent());
            foreground.awaitStopRequest();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        err.println("stopping...");
        err.flush();
        int status = dev.cutover.api.Reason.INTERNAL.exitCode();
        try {
            server.close();
            status = 0;
        } finally {
            foreground.finished(status);
        }
        return 0;
    }

    /** Says where the dashboard is, on stderr; never the token itself. */
    static void announce(PrintWriter err, String url, boolean token) {
        err.println("cutover serve: dashboard at " + url
                + (token ? " (open it once as " + url + "?token=<the token>)" : ""));
        err.println("  read-only JSON API at " + url + "api/overview (estate, plan, readiness, links, waves);"
                + " metrics at " + url + "metrics");
        err.println("  Ctrl-C stops it");
        err.flush();
    }
}
