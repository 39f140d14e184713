package dev.cutover.api;

import java.util.List;
import java.util.Objects;

/**
 * One observation with a stable code (for example {@code INV-003}), about one subject (a topic, a group, a
 * workload, a file:line), with the evidence it rests on (references such as report paths or inventory keys).
 */
public record Finding(String code, Severity severity, String subject, String message, List<String> evidence) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
    }

    public static Finding of(String code, Severity severity, String subject, String message) {
        return new Finding(code, severity, subject, message, List.of());
    }
}
