package dev.cutover.cli;

import dev.cutover.inventory.report.ReportFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code --output} prints, for every command: md, json, html (reports meant for people) and yaml ({@code plan}'s
 * plan.yaml). Each command accepts the subset it can render, through one of the converters below.
 */
enum OutputFormat {
    MD,
    JSON,
    HTML,
    YAML;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }

    /** The report file format of the same name (md, json, html). */
    ReportFormat reportFormat() {
        return switch (this) {
            case MD -> ReportFormat.MD;
            case JSON -> ReportFormat.JSON;
            case HTML -> ReportFormat.HTML;
            case YAML -> throw new IllegalStateException("yaml is not a report format");
        };
    }

    private static OutputFormat parse(String value, OutputFormat... allowed) {
        return Arrays.stream(allowed)
                .filter(f -> f.word().equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() -> new TypeConversionException("expected "
                        + String.join(
                                ", ",
                                List.of(allowed).stream()
                                        .map(OutputFormat::word)
                                        .toList())
                        + " but was '" + value + "'"));
    }

    /** md or json. */
    static final class MdJson implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return parse(value, MD, JSON);
        }
    }

    /** md, json or html. */
    static final class MdJsonHtml implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return parse(value, MD, JSON, HTML);
        }
    }

    /** md, json or yaml. */
    static final class MdJsonYaml implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return parse(value, MD, JSON, YAML);
        }
    }
}
