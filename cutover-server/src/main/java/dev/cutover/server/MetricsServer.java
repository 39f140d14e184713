package dev.cutover.server;

import dev.cutover.api.CutoverException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves {@code /metrics} (Prometheus text format) of one cutover process — a running link, a running wave — on the
 * address given with {@code --metrics-address} or {@code metrics.address} in cutover.yaml. Off unless asked for. The
 * registry holds the process's JVM and process metrics from the start; the commands add their own meters to it.
 */
public final class MetricsServer implements AutoCloseable {
    /** The content type of Prometheus's text exposition format, version 0.0.4 (what every scraper accepts). */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Server server;

    private MetricsServer(PrometheusMeterRegistry registry, Server server) {
        this.registry = registry;
        this.server = server;
    }

    /** A registry with the JVM's and the process's metrics bound (memory, GC, threads, classes, CPU, uptime, files). */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvmAndProcess(registry);
        return registry;
    }

    static void bindJvmAndProcess(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * Starts serving {@code registry} on {@code address} ({@code host:port}; port 0 takes a free one).
     *
     * @throws CutoverException (exit 2) when the address is malformed or cannot be bound
     */
    public static MetricsServer start(String address, PrometheusMeterRegistry registry) {
        InetSocketAddress bind = Addresses.parse(address, "--metrics-address");
        QueuedThreadPool threads = new QueuedThreadPool(4, 1);
        threads.setName("cutover-metrics");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(bind.getHostString());
        connector.setPort(bind.getPort());
        server.addConnector(connector);
        server.setHandler(new MetricsHandler(registry));
        Addresses.start(server, address, "--metrics-address");
        return new MetricsServer(registry, server);
    }

    /** Where it listens, as {@code host:port} (the port chosen when 0 was asked for). */
    public String address() {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        return connector.getHost() + ":" + connector.getLocalPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the metrics endpoint did not stop: " + e, e);
        }
    }

    /** Answers {@code GET /metrics} with a scrape of the registry; 404 for anything else. */
    public static final class MetricsHandler extends Handler.Abstract {
        private final PrometheusMeterRegistry registry;

        public MetricsHandler(PrometheusMeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/metrics".equals(Request.getPathInContext(request))) {
                return false;
            }
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return true;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT_FORMAT);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
