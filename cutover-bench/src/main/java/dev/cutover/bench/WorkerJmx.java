package dev.cutover.bench;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What a {@link ConnectWorker} tells over JMX: its heap used, and for each of a connector's tasks on it, Connect's
 * {@code kafka.connect:type=source-task-metrics} (records written, transaction sizes: exactly-once tasks have them).
 */
final class WorkerJmx {
    private static final String WRITTEN = "source-record-write-total";
    private static final String TX_AVG = "transaction-size-avg";
    private static final String TX_MAX = "transaction-size-max";

    private WorkerJmx() {}

    /**
     * The worker's heap used, CPU time and time in garbage collection since it started, and the connector's tasks on
     * it.
     */
    record Sample(
            OptionalLong heapUsedBytes, OptionalLong cpuNanos, OptionalLong gcMillis, List<WorkerFigures.Task> tasks) {
        static final Sample NONE =
                new Sample(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), List.of());
    }

    /** Reads the worker's JVM over JMX; {@link Sample#NONE} if it does not answer (the figures are extras). */
    static Sample read(ConnectWorker worker, String connector) {
        try {
            JMXServiceURL url =
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + worker.jmxPort + "/jmxrmi");
            try (JMXConnector jmx = JMXConnectorFactory.connect(url, Map.of())) {
                MBeanServerConnection server = jmx.getMBeanServerConnection();
                MemoryUsage heap = MemoryUsage.from((CompositeData)
                        server.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage"));
                List<WorkerFigures.Task> tasks = new ArrayList<>();
                ObjectName pattern =
                        new ObjectName("kafka.connect:type=source-task-metrics,connector=" + connector + ",*");
                for (ObjectName name : server.queryNames(pattern, null)) {
                    Map<String, Double> values = new java.util.HashMap<>();
                    for (Attribute a : server.getAttributes(name, new String[] {WRITTEN, TX_AVG, TX_MAX})
                            .asList()) {
                        if (a.getValue() instanceof Number n) {
                            values.put(a.getName(), n.doubleValue());
                        }
                    }
                    tasks.add(new WorkerFigures.Task(
                            Integer.parseInt(name.getKeyProperty("task")),
                            values.getOrDefault(WRITTEN, 0.0).longValue(),
                            finite(values.get(TX_AVG)),
                            finite(values.get(TX_MAX))));
                }
                tasks.sort(Comparator.comparingInt(WorkerFigures.Task::id));
                Object cpu = server.getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime");
                long gc = 0;
                for (ObjectName collector :
                        server.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
                    if (server.getAttribute(collector, "CollectionTime") instanceof Number n) {
                        gc += n.longValue();
                    }
                }
                return new Sample(
                        OptionalLong.of(heap.getUsed()),
                        cpu instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty(),
                        OptionalLong.of(gc),
                        tasks);
            }
        } catch (IOException | JMException | RuntimeException e) {
            return Sample.NONE;
        }
    }

    /** Kafka's metrics say NaN or ±infinity before the first value. */
    private static OptionalDouble finite(Double d) {
        return d == null || d.isNaN() || d.isInfinite() ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}
