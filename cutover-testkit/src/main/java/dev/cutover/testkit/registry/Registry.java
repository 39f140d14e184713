package dev.cutover.testkit.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a real schema registry (Apicurio Registry in a child process), by name, into a test's constructor, lifecycle
 * or test method parameter of type {@link dev.cutover.sandbox.registry.ApicurioRegistry}. Within one test class,
 * parameters with the same name receive the same registry; {@code source} and {@code target} start together; all
 * stop after the class. Tests that need empty registries call {@link SchemaRegistries#deleteAllSubjects} or start
 * their own with {@link SchemaRegistries#startFresh}.
 *
 * <pre>{@code
 * @ExtendWith(RegistriesExtension.class)
 * class SchemaSyncIT {
 *     @Test
 *     void copies(@Registry("source") ApicurioRegistry source, @Registry("target") ApicurioRegistry target) { ... }
 * }
 * }</pre>
 *
 * Without a Java 21+ on the machine the class's tests are skipped with the reason, or fail with it when {@code
 * CUTOVER_REGISTRY_TESTS=required} (as in CI).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Registry {
    /** The registry's name, e.g. {@code source} or {@code target}. */
    String value();
}
