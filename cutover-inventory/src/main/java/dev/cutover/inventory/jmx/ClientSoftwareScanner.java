package dev.cutover.inventory.jmx;

import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads which client software is connected to Kafka brokers from their JMX: KIP-511 connection counts from
 * {@code kafka.server:type=socket-server-metrics} (attribute {@code connections}, with tags {@code clientSoftwareName},
 * {@code clientSoftwareVersion}, {@code listener}, {@code networkProcessor}) and, where present, the deprecated-request
 * meters {@code kafka.network:type=RequestMetrics,name=DeprecatedRequestsPerSec}.
 *
 * <p>Endpoints are read in parallel, each within the timeout. An endpoint that cannot be read gives an entry with a
 * {@link JmxProblem} instead of an exception, so an inventory always completes.
 */
public final class ClientSoftwareScanner {
    static final String SOCKET_SERVER_PATTERN = "kafka.server:type=socket-server-metrics,*";
    static final String DEPRECATED_REQUESTS_PATTERN =
            "kafka.network:type=RequestMetrics,name=DeprecatedRequestsPerSec,*";

    private ClientSoftwareScanner() {}

    public static ClientSoftwareScan scan(List<String> jmxUrls, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        String scannedAt = Instant.now().toString();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "cutover-jmx-scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<EndpointSoftware>> futures = jmxUrls.stream()
                    .map(url -> CompletableFuture.supplyAsync(() -> scanOne(url), executor))
                    .toList();
            long deadline = System.nanoTime() + timeout.toNanos();
            List<EndpointSoftware> results = new ArrayList<>();
            for (int i = 0; i < jmxUrls.size(); i++) {
                results.add(await(futures.get(i), safeUrl(jmxUrls.get(i)), deadline, timeout));
            }
            return new ClientSoftwareScan(ClientSoftwareScan.FORMAT_VERSION, scannedAt, results);
        } finally {
            // Threads stuck in a connect that ignores interrupts are daemons and end with their socket timeouts.
            executor.shutdownNow();
        }
    }

    private static EndpointSoftware await(
            CompletableFuture<EndpointSoftware> future, String url, long deadline, Duration timeout) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return EndpointSoftware.failed(
                    url,
                    new JmxProblem(
                            JmxProblem.Code.TIMEOUT,
                            "no answer from JMX at " + url + " within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EndpointSoftware.failed(
                    url, new JmxProblem(JmxProblem.Code.TIMEOUT, "interrupted while reading JMX at " + url));
        } catch (ExecutionException e) {
            return EndpointSoftware.failed(
                    url,
                    new JmxProblem(
                            JmxProblem.Code.READ_FAILED, "cannot read JMX at " + url + ": " + describe(e.getCause())));
        }
    }

    static EndpointSoftware scanOne(String rawUrl) {
        String url = safeUrl(rawUrl);
        JMXServiceURL serviceUrl;
        try {
            serviceUrl = new JMXServiceURL(rawUrl);
        } catch (MalformedURLException e) {
            return EndpointSoftware.failed(
                    url, new JmxProblem(JmxProblem.Code.INVALID_URL, "not a JMX service URL: " + url));
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(serviceUrl)) {
            return read(url, connector.getMBeanServerConnection());
        } catch (SecurityException e) {
            return EndpointSoftware.failed(
                    url, new JmxProblem(JmxProblem.Code.ACCESS_DENIED, "JMX at " + url + " refused access"));
        } catch (IOException e) {
            return EndpointSoftware.failed(
                    url,
                    new JmxProblem(
                            JmxProblem.Code.UNREACHABLE, "cannot connect to JMX at " + url + ": " + describe(e)));
        }
    }

    /** Reads one MBean server; exposed for callers that already hold a connection (e.g. in-process). */
    public static EndpointSoftware read(String url, MBeanServerConnection mbeans) throws IOException {
        List<JmxProblem> problems = new ArrayList<>();
        // broker -> listener -> software -> connections
        Map<String, Map<String, Map<SoftwareKey, Long>>> counts = new TreeMap<>();
        for (ObjectName name : query(mbeans, SOCKET_SERVER_PATTERN, url, problems)) {
            String softwareName = value(name, "clientSoftwareName");
            String softwareVersion = value(name, "clientSoftwareVersion");
            String listener = value(name, "listener");
            if (softwareName == null || softwareVersion == null || listener == null) {
                continue;
            }
            long connections;
            try {
                Object attribute = mbeans.getAttribute(name, "connections");
                connections = attribute instanceof Number n ? Math.round(n.doubleValue()) : 0;
            } catch (JMException e) {
                // The connection closed and the broker removed its metric between query and read.
                continue;
            }
            if (connections <= 0) {
                continue;
            }
            String broker = valueOrEmpty(name, "broker");
            counts.computeIfAbsent(broker, b -> new TreeMap<>())
                    .computeIfAbsent(listener, l -> new TreeMap<>())
                    .merge(new SoftwareKey(softwareName, softwareVersion), connections, Long::sum);
        }
        List<ListenerSoftware> listeners = new ArrayList<>();
        counts.forEach((broker, byListener) -> byListener.forEach((listener, bySoftware) -> {
            List<SoftwareCount> software = bySoftware.entrySet().stream()
                    .map(e -> new SoftwareCount(e.getKey().name(), e.getKey().version(), e.getValue()))
                    .toList();
            listeners.add(new ListenerSoftware(broker, listener, software));
        }));

        List<DeprecatedRequestUse> deprecated = new ArrayList<>();
        for (ObjectName name : query(mbeans, DEPRECATED_REQUESTS_PATTERN, url, problems)) {
            try {
                Object count = mbeans.getAttribute(name, "Count");
                Object rate = mbeans.getAttribute(name, "OneMinuteRate");
                deprecated.add(new DeprecatedRequestUse(
                        valueOrEmpty(name, "broker"),
                        valueOrEmpty(name, "request"),
                        valueOrEmpty(name, "version"),
                        valueOrEmpty(name, "clientSoftwareName"),
                        valueOrEmpty(name, "clientSoftwareVersion"),
                        count instanceof Number n ? n.longValue() : 0,
                        rate instanceof Number n ? n.doubleValue() : 0.0));
            } catch (JMException e) {
                // removed between query and read
            }
        }
        deprecated.sort(Comparator.comparing(DeprecatedRequestUse::broker)
                .thenComparing(DeprecatedRequestUse::request)
                .thenComparing(DeprecatedRequestUse::version)
                .thenComparing(DeprecatedRequestUse::clientSoftwareName)
                .thenComparing(DeprecatedRequestUse::clientSoftwareVersion));
        return new EndpointSoftware(url, listeners, deprecated, problems);
    }

    private static java.util.Set<ObjectName> query(
            MBeanServerConnection mbeans, String pattern, String url, List<JmxProblem> problems) throws IOException {
        try {
            return mbeans.queryNames(new ObjectName(pattern), null);
        } catch (JMException e) {
            problems.add(new JmxProblem(JmxProblem.Code.READ_FAILED, "cannot query " + pattern + " at " + url));
            return java.util.Set.of();
        } catch (SecurityException e) {
            problems.add(
                    new JmxProblem(JmxProblem.Code.ACCESS_DENIED, "not allowed to query " + pattern + " at " + url));
            return java.util.Set.of();
        }
    }

    private static String value(ObjectName name, String key) {
        String value = name.getKeyProperty(key);
        if (value == null) {
            return null;
        }
        return value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }

    private static String valueOrEmpty(ObjectName name, String key) {
        String value = value(name, key);
        return value == null ? "" : value;
    }

    /** The URL without user-info ({@code //user:secret@host} becomes {@code //***@host}). */
    static String safeUrl(String url) {
        return url == null ? "" : url.replaceAll("//[^/@]*@", "//***@");
    }

    /** Exception class and root-cause message, e.g. "ConnectException: Connection refused". */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + safeUrl(firstLine(root.getMessage()));
        return root.getClass().getSimpleName() + message;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private record SoftwareKey(String name, String version) implements Comparable<SoftwareKey> {
        @Override
        public int compareTo(SoftwareKey other) {
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : version.compareTo(other.version);
        }
    }
}
