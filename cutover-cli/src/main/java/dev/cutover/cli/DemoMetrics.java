package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.server.JournalMeters;
import dev.cutover.server.MetricsServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The demo's Prometheus endpoint: its link's meters and the waves' (read from its journal), on a free local port, as
 * {@code link start --metrics-address} and {@code wave run --metrics-address} serve them; the demo prints what they
 * say.
 */
final class DemoMetrics implements AutoCloseable {
    private final MetricsServer endpoint;
    private final JournalMeters waves;

    private DemoMetrics(MetricsServer endpoint, JournalMeters waves) {
        this.endpoint = endpoint;
        this.waves = waves;
    }

    static DemoMetrics start(Workspace ws, LinkHandle link) {
        MetricsServer endpoint = MetricsServer.start("127.0.0.1:0", MetricsServer.newRegistry());
        link.bindTo(endpoint.registry());
        JournalMeters waves = new JournalMeters(ws.dir());
        waves.bindTo(endpoint.registry());
        return new DemoMetrics(endpoint, waves);
    }

    String url() {
        return "http://" + endpoint.address() + "/metrics";
    }

    /** One line of the link's figures as its meters have them. */
    void printLink(PrintWriter out) {
        MeterRegistry r = endpoint.registry();
        double copied = r.find("cutover.link.copied.records").functionCounters().stream()
                .mapToDouble(FunctionCounter::count)
                .sum();
        double caughtUp = r.find("cutover.link.partitions").tag("state", "caught_up").gauges().stream()
                .mapToDouble(Gauge::value)
                .sum();
        double lag = r.find("cutover.link.lag.records").gauges().stream()
                .mapToDouble(Gauge::value)
                .filter(v -> !Double.isNaN(v))
                .sum();
        Timer commits = r.find("cutover.link.transaction.commit").timer();
        out.printf(
                Locale.ROOT,
                "      metrics (%s): cutover_link_copied_records_total %.0f, %.0f partition(s) caught_up,"
                        + " cutover_link_lag_records %.0f, %d transaction(s) committed (mean commit %.1f ms)%n",
                url(),
                copied,
                caughtUp,
                lag,
                commits == null ? 0 : commits.count(),
                commits == null ? 0 : commits.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** The pause of each workload's last move, as cutover_wave_pause_seconds says (read from the journal now). */
    void printPauses(PrintWriter out) {
        waves.refresh();
        endpoint.registry().find("cutover.wave.pause").gauges().stream()
                .filter(g -> !g.getId().getTag("wave").startsWith("rehearsal:"))
                .sorted(java.util.Comparator.comparing(g -> g.getId().getTag("workload")))
                .forEach(g -> out.printf(
                        Locale.ROOT,
                        "      cutover_wave_pause_seconds{wave=%s, workload=%s, direction=%s} %.1f%n",
                        g.getId().getTag("wave"),
                        g.getId().getTag("workload"),
                        g.getId().getTag("direction"),
                        g.value()));
    }

    @Override
    public void close() {
        waves.close();
        endpoint.close();
    }
}
