package dev.cutover.cli.logging;

import dev.cutover.config.Redactor;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginConfiguration;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A pattern layout whose every line, message and stack trace included, passes through {@link Redactor#redactText}
 * before it is written: what Kafka and other libraries log (JAAS fragments in warnings, URLs with credentials, values
 * resolved from config providers) is redacted like cutover's own messages. In {@code log4j2.xml}: {@code
 * <RedactingLayout pattern="%d %-5p %c: %m%n"/>}.
 */
@Plugin(name = "RedactingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE, printObject = true)
public final class RedactingLayout extends AbstractStringLayout {
    private final PatternLayout pattern;

    private RedactingLayout(PatternLayout pattern) {
        super(StandardCharsets.UTF_8);
        this.pattern = pattern;
    }

    @PluginFactory
    public static RedactingLayout create(
            @PluginAttribute(value = "pattern", defaultString = "%d{ISO8601} %-5p [%t] %c{1.}: %m%n") String pattern,
            @PluginConfiguration Configuration configuration) {
        return new RedactingLayout(PatternLayout.newBuilder()
                .withPattern(pattern)
                .withConfiguration(configuration)
                .withCharset(StandardCharsets.UTF_8)
                .build());
    }

    @Override
    public String toSerializable(LogEvent event) {
        return Redactor.redactText(pattern.toSerializable(event));
    }
}
