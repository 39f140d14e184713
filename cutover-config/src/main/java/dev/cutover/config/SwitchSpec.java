package dev.cutover.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a workload's client is moved between clusters: {@code switch:} in {@code workloads.yaml}. Either a file that
 * cutover rewrites and/or a command it runs ({@code stop} and {@code start}), or a manual instruction for an
 * operator; never manual together with the others.
 *
 * @param file the client's {@code .properties}, {@code .yaml} or {@code .yml} file, relative to the workspace (or
 *     absolute)
 * @param command the command's argv, run for {@code stop} and for {@code start}; empty when there is none
 * @param manual what an operator must do, kept redacted ({@link Redactor#redactText})
 */
public record SwitchSpec(Optional<String> file, List<String> command, Optional<String> manual) {
    /** The file extensions the file switcher can rewrite, lower case. */
    public static final List<String> FILE_EXTENSIONS = List.of(".properties", ".yaml", ".yml");

    public SwitchSpec {
        Objects.requireNonNull(file, "file");
        command = List.copyOf(command);
        Objects.requireNonNull(manual, "manual");
        manual = manual.map(Redactor::redactText);
        if (manual.isPresent() && (file.isPresent() || !command.isEmpty())) {
            throw new IllegalArgumentException("switch: manual excludes file and command");
        }
        if (manual.isEmpty() && file.isEmpty() && command.isEmpty()) {
            throw new IllegalArgumentException("switch: needs a file, a command or a manual instruction");
        }
        if (manual.isPresent() && manual.get().isBlank()) {
            throw new IllegalArgumentException("switch: the manual instruction is empty");
        }
        if (command.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("switch: an argument of the command is empty");
        }
        if (file.isPresent() && !hasKnownExtension(file.get())) {
            throw new IllegalArgumentException("switch: the file must end in " + String.join(", ", FILE_EXTENSIONS));
        }
    }

    public static SwitchSpec ofFile(String file) {
        return new SwitchSpec(Optional.of(file), List.of(), Optional.empty());
    }

    public static SwitchSpec ofCommand(List<String> command) {
        return new SwitchSpec(Optional.empty(), command, Optional.empty());
    }

    public static SwitchSpec ofFileAndCommand(String file, List<String> command) {
        return new SwitchSpec(Optional.of(file), command, Optional.empty());
    }

    public static SwitchSpec ofManual(String instruction) {
        return new SwitchSpec(Optional.empty(), List.of(), Optional.of(instruction));
    }

    /** Whether the file switcher reads {@code file} as YAML (else as a {@code .properties} file). */
    public static boolean isYaml(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    static boolean hasKnownExtension(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return FILE_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** The command's arguments may hold anything people typed; shown redacted. */
    @Override
    public String toString() {
        return "SwitchSpec[file=" + file + ", command="
                + command.stream().map(Redactor::redactText).toList() + ", manual=" + manual + "]";
    }
}
