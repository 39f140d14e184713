package dev.cutover.sandbox.jmx;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.QueryExp;

/**
 * The view a sandbox cluster's JMX connector serves: its own MBeanServer, plus Kafka's request and topic meters
 * ({@code kafka.server:type=BrokerTopicMetrics}, {@code kafka.network:type=RequestMetrics}), which Kafka keeps in one
 * Yammer registry per JVM and reports to the platform MBeanServer. A broker in its own JVM exports them on its JMX port;
 * the sandbox's in-process clusters share that one registry, so each cluster's JMX shows the meters of the whole JVM
 * (source and target together), and when one of them stops, Kafka removes the JVM's topic meters until a broker starts
 * again. Read-only for those names: anything else goes to the cluster's own server.
 */
final class SharedMeters implements InvocationHandler {
    private static final List<ObjectName> SHARED =
            List.of(name("kafka.server:type=BrokerTopicMetrics,*"), name("kafka.network:type=RequestMetrics,*"));

    private final MBeanServer own;
    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();

    private SharedMeters(MBeanServer own) {
        this.own = own;
    }

    /** {@code own}, with the JVM's shared Kafka meters visible through it. */
    static MBeanServer view(MBeanServer own) {
        return (MBeanServer) Proxy.newProxyInstance(
                MBeanServer.class.getClassLoader(), new Class<?>[] {MBeanServer.class}, new SharedMeters(own));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        try {
            String m = method.getName();
            if (m.equals("queryNames")) {
                Set<ObjectName> names = new LinkedHashSet<>(own.queryNames((ObjectName) args[0], (QueryExp) args[1]));
                platform.queryNames((ObjectName) args[0], (QueryExp) args[1]).stream()
                        .filter(SharedMeters::shared)
                        .forEach(names::add);
                return names;
            }
            if (m.equals("queryMBeans")) {
                Set<ObjectInstance> beans =
                        new LinkedHashSet<>(own.queryMBeans((ObjectName) args[0], (QueryExp) args[1]));
                platform.queryMBeans((ObjectName) args[0], (QueryExp) args[1]).stream()
                        .filter(i -> shared(i.getObjectName()))
                        .forEach(beans::add);
                return beans;
            }
            boolean read = Set.of(
                            "getAttribute",
                            "getAttributes",
                            "getMBeanInfo",
                            "isRegistered",
                            "getObjectInstance",
                            "isInstanceOf")
                    .contains(m);
            if (read && args != null && args.length > 0 && args[0] instanceof ObjectName n && shared(n)) {
                return method.invoke(platform, args);
            }
            return method.invoke(own, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean shared(ObjectName n) {
        return SHARED.stream().anyMatch(p -> p.apply(n));
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
