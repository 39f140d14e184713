package dev.cutover.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Redactor;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** What libraries log passes through the same redaction as cutover's own messages: message and stack trace. */
class RedactingLayoutTest {
    @Test
    void messagesAndStackTracesAreRedacted() {
        // Given a value resolved from a config provider, and a Kafka-style warning quoting a JAAS fragment
        Redactor.remember("canary-resolved-31ad", "${file:/s.properties:x}");
        LogEvent event = Log4jLogEvent.newBuilder()
                .setLoggerName("org.apache.kafka.common.security.JaasContext")
                .setLevel(Level.WARN)
                .setMessage(new SimpleMessage("JAAS config entry ScramLoginModule required username=\"u\""
                        + " password=\"canary-jaas-77\"; token endpoint https://u:canary-url-12@idp/token"))
                .setThrown(new IllegalStateException(
                        "Failed to create new NetworkClient",
                        new IllegalArgumentException("Invalid url: canary-resolved-31ad")))
                .build();

        // When
        String line =
                RedactingLayout.create("%c: %m%n", new DefaultConfiguration()).toSerializable(event);

        // Then
        assertThat(line)
                .contains("password=\"[redacted]\"", "https://u:[redacted]@idp/token", "${file:/s.properties:x}")
                .contains("Failed to create new NetworkClient", "IllegalArgumentException")
                .doesNotContain("canary");
    }
}
