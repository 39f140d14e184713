package dev.cutover.testkit;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.KafkaCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the clusters that {@link Cluster} parameters ask for, once per test class and name, and stops them after the
 * class. Asking twice for one name with different settings is an error, so a test never silently gets a cluster it
 * did not describe.
 */
public final class ClustersExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClustersExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Cluster.class)
                && KafkaCluster.class.isAssignableFrom(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Cluster wanted = parameter.findAnnotation(Cluster.class).orElseThrow();
        if (!parameter.getParameter().getType().isAssignableFrom(EmbeddedCluster.class)) {
            throw new ParameterResolutionException(
                    "@Cluster parameters must be of type EmbeddedCluster or KafkaCluster");
        }
        ExtensionContext classContext = classLevel(context);
        Started started = classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(wanted.value(), name -> start(wanted), Started.class);
        if (started.brokers != wanted.brokers() || started.cluster.security() != wanted.security()) {
            throw new ParameterResolutionException("cluster '" + wanted.value()
                    + "' is asked for with different settings in " + classContext.getDisplayName());
        }
        return started.cluster;
    }

    private static Started start(Cluster wanted) {
        EmbeddedCluster cluster = EmbeddedCluster.start(EmbeddedCluster.Options.named(wanted.value())
                .brokers(wanted.brokers())
                .security(wanted.security()));
        return new Started(cluster, wanted.brokers());
    }

    private static ExtensionContext classLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** Stored per class; JUnit closes it when the class's context ends. */
    private record Started(EmbeddedCluster cluster, int brokers) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
