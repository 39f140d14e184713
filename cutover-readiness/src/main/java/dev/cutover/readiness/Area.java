package dev.cutover.readiness;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The seven decision areas every workload passes before it moves; see {@code docs/readiness.md}. */
public enum Area {
    PROTOCOL("protocol", "Protocol and client version"),
    IDENTITY("identity", "Identity and network path"),
    TOPICS("topics", "Topic and schema contract"),
    OFFSETS("offsets", "Offset and replay policy"),
    STATE("state", "Connector and processor state"),
    OBSERVABILITY("observability", "Observability parity"),
    ROLLBACK("rollback", "Rollback path");

    private final String yamlName;
    private final String title;

    Area(String yamlName, String title) {
        this.yamlName = yamlName;
        this.title = title;
    }

    /** The spelling used on the command line, in evidence files and in reports, e.g. {@code offsets}. */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }

    public String title() {
        return title;
    }

    public static Optional<Area> fromYaml(String text) {
        return Arrays.stream(values()).filter(a -> a.yamlName.equals(text)).findFirst();
    }

    @JsonCreator
    static Area fromJson(String text) {
        return fromYaml(text)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown area '" + text + "'; known areas: " + String.join(", ", yamlNames())));
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(Area::yamlName).toList();
    }
}
