package dev.cutover.probe.traffic;

import dev.cutover.config.Redactor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads the target brokers' error signals from their JMX (the target profile's {@code jmx:} URLs): one connection per
 * URL, all in parallel, the whole read bounded by one timeout. Read-only: it queries names and reads attributes.
 */
final class BrokerMetrics {
    /** A signal the probe reads, as the MBean pattern that exports it and the attribute read. */
    enum Signal {
        FAILED_PRODUCE("kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec", "Count"),
        FAILED_FETCH("kafka.server:type=BrokerTopicMetrics,name=FailedFetchRequestsPerSec", "Count"),
        FAILED_AUTHENTICATION("kafka.server:type=socket-server-metrics", "failed-authentication-total"),
        REQUEST_ERRORS("kafka.network:type=RequestMetrics,name=ErrorsPerSec", "Count");

        private final String prefix;
        private final String attribute;

        Signal(String prefix, String attribute) {
            this.prefix = prefix;
            this.attribute = attribute;
        }

        String pattern() {
            return prefix + ",*";
        }

        /** How the documentation and the check's details spell the MBeans it reads. */
        String shown() {
            return switch (this) {
                case FAILED_AUTHENTICATION -> prefix + ",listener=*,networkProcessor=* " + attribute;
                case REQUEST_ERRORS -> prefix + ",request=*,error=*";
                default -> prefix + " " + attribute;
            };
        }

        String attribute() {
            return attribute;
        }

        /** Whether a name matching the pattern is one this signal counts (the all-topics meter, a processor's sensor). */
        boolean counts(ObjectName name) {
            return switch (this) {
                case FAILED_PRODUCE, FAILED_FETCH -> name.getKeyProperty("topic") == null;
                case FAILED_AUTHENTICATION ->
                    name.getKeyProperty("listener") != null
                            && name.getKeyProperty("networkProcessor") != null
                            && name.getKeyProperty("clientSoftwareName") == null;
                case REQUEST_ERRORS -> name.getKeyProperty("request") != null && name.getKeyProperty("error") != null;
            };
        }
    }

    /** One MBean's value. */
    record Value(String mbean, long value) {}

    /**
     * What one URL exported, or why it could not be read.
     *
     * @param url the URL as shown (secrets redacted)
     * @param values per signal, the MBeans read (empty: the signal is not exported there)
     * @param problem why the URL could not be read, or null
     */
    record Reading(String url, Map<Signal, List<Value>> values, String problem) {
        Reading {
            Objects.requireNonNull(url, "url");
            Map<Signal, List<Value>> copy = new EnumMap<>(Signal.class);
            for (Signal s : Signal.values()) {
                copy.put(s, List.copyOf(values.getOrDefault(s, List.of())));
            }
            values = Map.copyOf(copy);
        }

        static Reading failed(String url, String problem) {
            return new Reading(url, Map.of(), problem);
        }

        boolean answered() {
            return problem == null;
        }

        List<Value> of(Signal signal) {
            return values.get(signal);
        }

        long sum(Signal signal) {
            return of(signal).stream().mapToLong(Value::value).sum();
        }

        /** The {@code ErrorsPerSec} MBeans of an authorization error ({@code error=*AUTHORIZATION_FAILED}). */
        List<Value> authorizationFailures() {
            return of(Signal.REQUEST_ERRORS).stream()
                    .filter(v -> errorOf(v.mbean()).endsWith("AUTHORIZATION_FAILED"))
                    .toList();
        }

        private static String errorOf(String mbean) {
            try {
                String error = new ObjectName(mbean).getKeyProperty("error");
                return error == null ? "" : error;
            } catch (JMException e) {
                return "";
            }
        }
    }

    private BrokerMetrics() {}

    /** Reads every URL in parallel; a URL that does not answer within {@code timeout} is a failed reading. */
    static List<Reading> read(List<String> urls, Duration timeout) {
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cutover-probe-jmx");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Reading>> futures = urls.stream()
                    .map(url -> executor.submit(() -> readOne(url)))
                    .toList();
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Reading> readings = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                readings.add(await(futures.get(i), shown(urls.get(i)), deadline, timeout));
            }
            return readings;
        } finally {
            // A connect stuck in a socket read ignores the interrupt; its thread is a daemon and does not hold the JVM.
            executor.shutdownNow();
        }
    }

    private static Reading await(Future<Reading> future, String url, long deadline, Duration timeout) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Reading.failed(url, "no answer from JMX at " + url + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.failed(url, "interrupted while reading JMX at " + url);
        } catch (ExecutionException e) {
            return Reading.failed(url, "cannot read JMX at " + url + ": " + root(e.getCause()));
        }
    }

    private static Reading readOne(String rawUrl) {
        String url = shown(rawUrl);
        JMXServiceURL service;
        try {
            service = new JMXServiceURL(rawUrl);
        } catch (IOException e) {
            return Reading.failed(url, "not a JMX service URL: " + url);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(service)) {
            return read(url, connector.getMBeanServerConnection());
        } catch (SecurityException e) {
            return Reading.failed(
                    url, "JMX at " + url + " refused access (" + root(e) + "); cutover sends no JMX credentials");
        } catch (IOException e) {
            return Reading.failed(url, "cannot connect to JMX at " + url + ": " + root(e));
        }
    }

    /** Reads the signals from one MBean server; MBeans removed between query and read are left out. */
    static Reading read(String url, MBeanServerConnection mbeans) throws IOException {
        Map<Signal, List<Value>> values = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            List<Value> read = new ArrayList<>();
            for (ObjectName name : query(mbeans, signal)) {
                if (!signal.counts(name)) {
                    continue;
                }
                try {
                    Object v = mbeans.getAttribute(name, signal.attribute());
                    if (v instanceof Number n) {
                        read.add(new Value(name.toString(), Math.round(n.doubleValue())));
                    }
                } catch (AttributeNotFoundException | InstanceNotFoundException e) {
                    // not this kind of sensor, or removed meanwhile
                } catch (JMException e) {
                    // unreadable attribute: not counted as read
                }
            }
            read.sort(Comparator.comparing(Value::mbean));
            values.put(signal, read);
        }
        return new Reading(url, values, null);
    }

    private static java.util.Set<ObjectName> query(MBeanServerConnection mbeans, Signal signal) throws IOException {
        try {
            return mbeans.queryNames(new ObjectName(signal.pattern()), null);
        } catch (JMException e) {
            throw new IllegalStateException("bad pattern " + signal.pattern(), e);
        }
    }

    /** The URL with user-info and known secrets redacted. */
    static String shown(String url) {
        return Redactor.redactText(url == null ? "" : url.replaceAll("//[^/@]*@", "//***@"));
    }

    private static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : ": " + firstLine(t.getMessage());
        return Redactor.redactText(t.getClass().getSimpleName() + message);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
