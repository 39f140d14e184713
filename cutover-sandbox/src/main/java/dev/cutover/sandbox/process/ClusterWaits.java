package dev.cutover.sandbox.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/** Waits for a cluster's state, bounded, through an admin client. */
final class ClusterWaits {
    private ClusterWaits() {}

    /**
     * Waits until every partition of every topic, internal ones included, has all its replicas in sync.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}; says which partitions lag
     */
    static void awaitFullyReplicated(Map<String, Object> adminProps, String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lagging = List.of("(not described yet)");
        try (Admin admin = Admin.create(adminProps)) {
            while (System.nanoTime() < deadline) {
                try {
                    lagging = underReplicated(admin);
                    if (lagging.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lagging = List.of("(cannot describe topics: " + e.getMessage() + ")");
                }
                ChildJvm.pause(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to replicate", e);
        }
        throw new IllegalStateException(
                name + " is not fully replicated after " + timeout.toSeconds() + " s; lagging: " + lagging);
    }

    private static List<String> underReplicated(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        var names = admin.listTopics(new ListTopicsOptions().listInternal(true))
                .names()
                .get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> topics =
                admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        List<String> lagging = new ArrayList<>();
        for (TopicDescription topic : topics.values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                if (p.leader() == null || p.isr().size() < p.replicas().size()) {
                    lagging.add(topic.name() + "-" + p.partition() + " isr "
                            + p.isr().size() + "/" + p.replicas().size());
                }
            }
        }
        return lagging;
    }

    /** Waits until {@code count} brokers are registered. */
    static void awaitRegistered(Map<String, Object> adminProps, String name, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminProps)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not yet
                }
                ChildJvm.pause(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        throw new IllegalStateException(name + " did not register " + count + " brokers within " + timeout);
    }
}
