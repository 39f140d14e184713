package dev.cutover.doctor;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Redactor;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Each JMX URL of a profile: whether it answers within the profile's timeout, which Kafka versions its brokers run
 * ({@code kafka.server:type=app-info}), and how far the broker JVM's clock is from this host's ({@code
 * java.lang:type=Runtime}: start time plus uptime, read between two local readings). Without a JMX URL the clocks are
 * unknown: Kafka offers no read-only way to ask a broker for its time.
 */
final class JmxCheck {
    /** Over this, times in reports and timestamp look-ups ({@code --from TIME}) are visibly off. */
    static final long WARN_SKEW_MS = 1_000;
    /** Over this, transaction and lease timings (seconds) are affected. */
    static final long FAIL_SKEW_MS = 10_000;

    private final ConnectionProfile profile;
    private final Clock clock;

    JmxCheck(ConnectionProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
    }

    void run(List<Check> checks) {
        if (profile.jmxUrls().isEmpty()) {
            checks.add(Check.unknown(
                    "clock",
                    "the profile has no jmx: URL; Kafka has no read-only request that tells a broker's time",
                    "add the brokers' JMX URLs under the profile's jmx: to check their clocks (and for the"
                            + " inventory's client versions)"));
            return;
        }
        for (String url : profile.jmxUrls()) {
            String shown = Redactor.redactText(url);
            try {
                Reading r = read(url);
                String versions =
                        r.versions().isEmpty() ? "no Kafka app-info MBean" : "Kafka " + String.join(", ", r.versions());
                checks.add(Check.pass("jmx " + shown, "answers; " + versions));
                checks.add(
                        r.skewMs().isPresent()
                                ? clockCheck(shown, r)
                                : Check.unknown(
                                        "clock " + shown,
                                        "this JMX server has no java.lang:type=Runtime MBean to read the broker's time from",
                                        "point jmx: at the broker JVM's own JMX port"));
            } catch (Exception e) {
                checks.add(Check.fail(
                        "jmx " + shown,
                        "no answer: " + Redactor.redactText(String.valueOf(rootCause(e))),
                        "check the URL, that the broker's JMX port is reachable from this host, and its"
                                + " authentication; or remove the URL from the profile"));
            }
        }
    }

    private Check clockCheck(String url, Reading r) {
        long skew = r.skewMs().getAsLong();
        String found = "broker clock " + (skew >= 0 ? "+" : "") + skew + " ms from this host's (±" + r.uncertaintyMs()
                + " ms)";
        long off = Math.abs(skew) - r.uncertaintyMs();
        if (off > FAIL_SKEW_MS) {
            return Check.fail("clock " + url, found, "synchronise the clocks (NTP) of this host and the brokers");
        }
        if (off > WARN_SKEW_MS) {
            return Check.warn("clock " + url, found, "synchronise the clocks (NTP) of this host and the brokers");
        }
        return Check.pass("clock " + url, found);
    }

    record Reading(Set<String> versions, java.util.OptionalLong skewMs, long uncertaintyMs) {}

    private Reading read(String url) throws Exception {
        JMXServiceURL service = new JMXServiceURL(url);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cutover-doctor-jmx");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Reading> reading = executor.submit(() -> {
                try (JMXConnector connector = JMXConnectorFactory.connect(service)) {
                    return read(connector.getMBeanServerConnection());
                }
            });
            try {
                return reading.get(profile.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                reading.cancel(true);
                throw new TimeoutException(
                        "no answer within " + profile.timeout().toSeconds() + " s");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private Reading read(MBeanServerConnection mbeans) throws Exception {
        Set<String> versions = new TreeSet<>();
        for (ObjectName name : mbeans.queryNames(new ObjectName("kafka.server:type=app-info,*"), null)) {
            Object v = attribute(mbeans, name, "version");
            if (v != null) {
                versions.add(String.valueOf(v));
            }
        }
        ObjectName runtime = new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME);
        if (!mbeans.isRegistered(runtime)) {
            return new Reading(versions, java.util.OptionalLong.empty(), 0);
        }
        long before = clock.millis();
        long start = ((Number) mbeans.getAttribute(runtime, "StartTime")).longValue();
        long uptime = ((Number) mbeans.getAttribute(runtime, "Uptime")).longValue();
        long after = clock.millis();
        long local = before + (after - before) / 2;
        return new Reading(versions, java.util.OptionalLong.of(start + uptime - local), (after - before) / 2 + 1);
    }

    private static Object attribute(MBeanServerConnection mbeans, ObjectName name, String attribute) {
        try {
            return mbeans.getAttribute(name, attribute);
        } catch (Exception e) {
            return null;
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
