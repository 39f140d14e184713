package dev.cutover.testkit;

import dev.cutover.sandbox.SecurityMode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a real Kafka cluster, by name, into a test's constructor, lifecycle or test method parameter. Within one
 * test class, parameters with the same name receive the same cluster; it is stopped after the class.
 *
 * <pre>{@code
 * @ExtendWith(ClustersExtension.class)
 * class LinkIT {
 *     @Test
 *     void copies(@Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Cluster {
    /** The cluster's name, e.g. {@code source} or {@code target}. */
    String value();

    int brokers() default 1;

    SecurityMode security() default SecurityMode.NONE;
}
