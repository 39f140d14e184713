package dev.cutover.server.dashboard;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Redactor;
import dev.cutover.config.Workspace;
import dev.cutover.server.Addresses;
import dev.cutover.server.JournalMeters;
import dev.cutover.server.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code cutover serve}: a read-only web dashboard over a workspace — its estate, plan and readiness, links and waves —
 * with the JSON API the page reads ({@code /api/...}) and {@code /metrics} (the JVM's, and the waves' from the journal:
 * {@link JournalMeters}). Served by Jetty from the
 * classpath: the page ({@code dev/cutover/server/web/}) and uPlot from its webjar, so it works without the internet.
 *
 * <p>It binds to loopback unless told otherwise; any other address requires a token ({@link Access}). It serves only
 * {@code GET} and {@code HEAD} and has no action that changes anything.
 */
public final class DashboardServer implements AutoCloseable {
    /** Where the page's files are on the classpath. */
    static final String WEB = "dev/cutover/server/web/";

    /** uPlot's webjar, whose version the build chooses (the root POM); read from the webjar's own pom.properties. */
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{16,256}");

    /**
     * How to serve.
     *
     * @param host the address to bind: loopback unless a token is given
     * @param port the port; 0 takes a free one
     * @param token the token every request must carry, if any
     * @param poll how often the links' status is read from the target
     * @param keep how long the links' history is kept for the charts
     */
    public record Settings(
            Path workspace, String host, int port, Optional<String> token, Duration poll, Duration keep) {
        public static final Duration DEFAULT_POLL = Duration.ofSeconds(3);
        public static final Duration DEFAULT_KEEP = Duration.ofMinutes(30);

        public static Settings of(Path workspace, String host, int port, Optional<String> token) {
            return new Settings(workspace, host, port, token, DEFAULT_POLL, DEFAULT_KEEP);
        }

        public Settings withPoll(Duration interval) {
            return new Settings(workspace, host, port, token, interval, keep);
        }
    }

    private final Server server;
    private final LinkMonitor links;
    private final JournalMeters journalMeters;
    private final String host;

    private DashboardServer(Server server, LinkMonitor links, JournalMeters journalMeters, String host) {
        this.server = server;
        this.links = links;
        this.journalMeters = journalMeters;
        this.host = host;
    }

    /**
     * Checks the settings, reads the workspace, starts polling its links and serves.
     *
     * @throws CutoverException (exit 2) for a bad workspace, a port that is taken, or another address than loopback
     *     without a token (or a token too weak to protect it)
     */
    public static DashboardServer start(Settings settings) {
        checkAccess(settings.host(), settings.token());
        settings.token().ifPresent(Redactor::remember);
        Workspace ws = Workspace.load(settings.workspace());
        Clock clock = Clock.systemUTC();
        // /metrics: the JVM's, and the waves' as the journal records them (the same series `wave run` serves)
        PrometheusMeterRegistry registry = MetricsServer.newRegistry();
        JournalMeters journalMeters = new JournalMeters(ws.dir());
        journalMeters.bindTo(registry);
        LinkMonitor links = new LinkMonitor(ws, clock, settings.poll(), settings.keep());
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("cutover-serve");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ResourceFactory resources = ResourceFactory.of(server);
        Handler.Sequence routes = new Handler.Sequence(
                new ApiHandler(
                        ws.dir().toAbsolutePath().normalize().getFileName().toString(),
                        new WorkspaceViews(ws.dir(), clock),
                        links,
                        clock),
                new MetricsServer.MetricsHandler(registry),
                new ContextHandler(files(uplot(resources)), "/vendor/uplot"),
                files(resources.newClassLoaderResource(WEB)));
        server.setHandler(new Gate(settings.token(), routes));
        String address = settings.host() + ":" + settings.port();
        try {
            Addresses.start(server, address, "--bind/--port");
        } catch (RuntimeException e) {
            links.close();
            journalMeters.close();
            throw e;
        }
        return new DashboardServer(server, links, journalMeters, settings.host());
    }

    /**
     * Loopback needs no token; any other address does, and one that is hard to guess.
     *
     * @throws CutoverException (exit 2) otherwise
     */
    static void checkAccess(String host, Optional<String> token) {
        if (token.isPresent() && !TOKEN.matcher(token.get()).matches()) {
            throw new CutoverException(
                    Reason.USAGE,
                    "the token must be 16 to 256 letters, digits or . _ ~ + / = - (the one given is not)",
                    "generate one, e.g. `openssl rand -hex 24`, and pass it with CUTOVER_SERVE_TOKEN");
        }
        if (!Addresses.isLoopback(host) && token.isEmpty()) {
            throw new CutoverException(
                    Reason.USAGE,
                    "--bind " + host + " would show the dashboard to other machines without a token",
                    "set CUTOVER_SERVE_TOKEN (or --token) to a secret, e.g. `export CUTOVER_SERVE_TOKEN=$(openssl"
                            + " rand -hex 24)`, and open the URL with ?token=...; or bind 127.0.0.1");
        }
    }

    /** uPlot's {@code dist/} in its webjar (which has no entry for that directory, so it is resolved from its parent). */
    private static Resource uplot(ResourceFactory resources) {
        Resource webjar = resources.newClassLoaderResource("META-INF/resources/webjars/uplot/" + uplotVersion() + "/");
        return webjar == null ? null : webjar.resolve("dist/");
    }

    private static ResourceHandler files(Resource base) {
        if (base == null) {
            throw new IllegalStateException("the dashboard's files are missing from the cutover jar");
        }
        ResourceHandler handler = new ResourceHandler();
        handler.setBaseResource(base);
        handler.setDirAllowed(false);
        handler.setWelcomeFiles(List.of("index.html"));
        handler.setCacheControl("no-cache");
        return handler;
    }

    static String uplotVersion() {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("uPlot's webjar is missing from the class path (" + UPLOT_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/} (the port chosen when 0 was asked for). */
    public String url() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port + "/";
    }

    @Override
    public void close() {
        links.close();
        journalMeters.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the dashboard did not stop: " + e, e);
        }
    }
}
