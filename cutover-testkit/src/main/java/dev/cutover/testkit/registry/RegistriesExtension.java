package dev.cutover.testkit.registry;

import dev.cutover.sandbox.registry.ApicurioRegistries;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.sandbox.registry.JavaRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the registries that {@link Registry} parameters ask for, once per test class and name, and stops them after
 * the class: {@code source} and {@code target} together (in parallel, ~4 s on two cores), any other name alone. Before
 * the class (or each test, when registered on a method) it checks for a Java 21+: without one the tests are skipped
 * with the reason, or fail with it when {@code CUTOVER_REGISTRY_TESTS=required}.
 */
public final class RegistriesExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RegistriesExtension.class);
    private static final List<String> PAIR = List.of(SchemaRegistries.SOURCE, SchemaRegistries.TARGET);

    @Override
    public void beforeAll(ExtensionContext context) {
        SchemaRegistries.java();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SchemaRegistries.java();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Registry.class)
                && parameter.getParameter().getType().isAssignableFrom(ApicurioRegistry.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String name = parameter.findAnnotation(Registry.class).orElseThrow().value();
        if (name.isBlank()) {
            throw new ParameterResolutionException("@Registry needs a name, e.g. @Registry(\"source\")");
        }
        ExtensionContext classContext = classLevel(context);
        List<String> group = PAIR.contains(name) ? PAIR : List.of(name);
        Path logDir = SchemaRegistries.logDir()
                .resolve(classContext.getRequiredTestClass().getSimpleName());
        Started started = classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        String.join("+", group), key -> start(group, SchemaRegistries.java(), logDir), Started.class);
        return started.registries.registry(name);
    }

    private static Started start(List<String> names, JavaRuntime java, Path logDir) {
        return new Started(ApicurioRegistries.start(names, java, SchemaRegistries.distribution(), logDir));
    }

    private static ExtensionContext classLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** Stored per class; JUnit closes it when the class's context ends. */
    private record Started(ApicurioRegistries registries) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            registries.close();
        }
    }
}
