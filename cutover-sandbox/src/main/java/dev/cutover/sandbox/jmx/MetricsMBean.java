package dev.cutover.sandbox.jmx;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;
import org.apache.kafka.common.metrics.KafkaMetric;

/** One MBean: the Kafka metrics that share a group and tags, one read-only attribute per metric name. */
final class MetricsMBean implements DynamicMBean {
    private final Map<String, KafkaMetric> metrics = new LinkedHashMap<>();

    synchronized void put(KafkaMetric metric) {
        metrics.put(metric.metricName().name(), metric);
    }

    /** Removes the metric if it is the one this MBean holds under its name. */
    synchronized boolean remove(KafkaMetric metric) {
        return metrics.remove(metric.metricName().name(), metric);
    }

    synchronized boolean isEmpty() {
        return metrics.isEmpty();
    }

    @Override
    public synchronized Object getAttribute(String name) throws AttributeNotFoundException {
        KafkaMetric metric = metrics.get(name);
        if (metric == null) {
            throw new AttributeNotFoundException("no metric " + name);
        }
        return metric.metricValue();
    }

    @Override
    public synchronized AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String name : names) {
            KafkaMetric metric = metrics.get(name);
            if (metric != null) {
                list.add(new Attribute(name, metric.metricValue()));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("metrics are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName), "metrics MBeans have no operations");
    }

    @Override
    public synchronized MBeanInfo getMBeanInfo() {
        MBeanAttributeInfo[] attributes = metrics.values().stream()
                .map(m -> {
                    Object value = m.metricValue();
                    String type = value == null
                            ? Object.class.getName()
                            : value.getClass().getName();
                    return new MBeanAttributeInfo(
                            m.metricName().name(), type, m.metricName().description(), true, false, false);
                })
                .toArray(MBeanAttributeInfo[]::new);
        return new MBeanInfo(
                getClass().getName(),
                "Kafka metrics",
                attributes,
                null,
                new MBeanOperationInfo[0],
                new MBeanNotificationInfo[0]);
    }
}
