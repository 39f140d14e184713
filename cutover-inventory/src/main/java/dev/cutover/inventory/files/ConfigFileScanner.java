package dev.cutover.inventory.files;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.InputFiles;
import dev.cutover.config.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds Kafka client configurations in application files: {@code .properties}, {@code .yaml}/{@code .yml} (with
 * Spring Boot's {@code spring.kafka.*}), {@code .env}, {@code .json}, and bootstrap addresses hard-coded in
 * {@code .java .kt .py .go .js .ts} sources.
 *
 * <p>Walks each root recursively, skipping {@code .git}, {@code target}, {@code node_modules} and {@code build},
 * files over {@value #MAX_FILE_BYTES} bytes, special files and every symbolic link (so the scan never leaves its roots;
 * each of these is noted as a {@link ScanProblem}). A file that cannot be read or parsed becomes a {@link ScanProblem},
 * whatever fails (an {@code Error} such as a stack overflow included); the scan goes on. Read-only; values are redacted.
 */
public final class ConfigFileScanner {
    public static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", "build");
    private static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "kt", "py", "go", "js", "ts");
    private static final Set<String> SKIPPED_FILES = Set.of("package-lock.json");

    private ConfigFileScanner() {}

    /** Scans the roots (directories or files); a root that does not exist is a {@code USAGE} error. */
    public static ConfigScanResult scan(List<Path> roots) {
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new CutoverException(
                        Reason.USAGE,
                        "cannot scan " + root + ": no such file or directory",
                        "pass directories or files that exist to --scan-configs");
            }
        }
        Collector collector = new Collector();
        for (Path root : roots) {
            try {
                Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
                Files.walkFileTree(start, visitor(start, collector));
            } catch (IOException e) {
                collector.problems.add(new ScanProblem(
                        root.toString(), 0, "cannot walk: " + e.getClass().getSimpleName()));
            }
        }
        Comparator<DiscoveredClientConfig> byPlace = Comparator.comparing(DiscoveredClientConfig::file)
                .thenComparingInt(DiscoveredClientConfig::line)
                .thenComparing(DiscoveredClientConfig::scope);
        return new ConfigScanResult(
                collector.files,
                collector.clients.stream().sorted(byPlace).toList(),
                collector.endpoints.stream()
                        .sorted(Comparator.comparing(HardcodedEndpoint::file).thenComparingInt(HardcodedEndpoint::line))
                        .toList(),
                collector.problems.stream()
                        .sorted(Comparator.comparing(ScanProblem::file).thenComparingInt(ScanProblem::line))
                        .toList());
    }

    private static final class Collector {
        final List<DiscoveredClientConfig> clients = new ArrayList<>();
        final List<HardcodedEndpoint> endpoints = new ArrayList<>();
        final List<ScanProblem> problems = new ArrayList<>();
        final Set<Path> seen = new HashSet<>();
        int files;
    }

    private static FileVisitor<Path> visitor(Path start, Collector collector) {
        return new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean skip = !dir.equals(start)
                        && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    // Not followed: a link may lead out of the tree, or to a device or a FIFO.
                    collector.problems.add(
                            new ScanProblem(file.toString(), 0, "skipped: a symbolic link (links are not followed)"));
                } else if (attrs.isRegularFile()) {
                    format(file).ifPresent(format -> scanFile(file, format, collector));
                } else if (format(file).isPresent()) {
                    collector.problems.add(new ScanProblem(
                            file.toString(), 0, "skipped: not a regular file (a FIFO, socket or device)"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                collector.problems.add(new ScanProblem(
                        file.toString(), 0, "cannot read: " + e.getClass().getSimpleName()));
                return FileVisitResult.CONTINUE;
            }
        };
    }

    static Optional<ConfigFormat> format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (SKIPPED_FILES.contains(name)) {
            return Optional.empty();
        }
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
            return Optional.of(ConfigFormat.ENV);
        }
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "properties" -> Optional.of(ConfigFormat.PROPERTIES);
            case "yaml", "yml" -> Optional.of(ConfigFormat.YAML);
            case "json" -> Optional.of(ConfigFormat.JSON);
            default -> SOURCE_EXTENSIONS.contains(extension) ? Optional.of(ConfigFormat.SOURCE) : Optional.empty();
        };
    }

    private static void scanFile(Path file, ConfigFormat format, Collector collector) {
        String name = file.toString();
        try {
            if (!collector.seen.add(file.toRealPath())) {
                return;
            }
            byte[] bytes;
            try {
                bytes = InputFiles.readBytes(file, MAX_FILE_BYTES);
            } catch (InputFiles.UnreadableFileException e) {
                collector.problems.add(new ScanProblem(name, 0, "skipped: " + e.problem()));
                return;
            }
            // Lenient: application files are not ours to judge; a byte that is not UTF-8 becomes U+FFFD.
            String text = new String(bytes, StandardCharsets.UTF_8);
            collector.files++;
            switch (format) {
                case SOURCE -> collector.endpoints.addAll(SourceEndpointFinder.find(name, text));
                case PROPERTIES ->
                    collector.clients.addAll(ClientAssembler.assemble(name, format, PropertiesReader.read(text)));
                case ENV -> collector.clients.addAll(ClientAssembler.assemble(name, format, EnvReader.read(text)));
                case JSON -> collector.clients.addAll(ClientAssembler.assemble(name, format, JsonFlattener.read(text)));
                case YAML -> {
                    for (List<Setting> document : YamlFlattener.read(name, text)) {
                        collector.clients.addAll(ClientAssembler.assemble(name, format, document));
                    }
                }
            }
        } catch (UnparseableFileException e) {
            collector.problems.add(new ScanProblem(name, e.line(), Redactor.redactText(e.getMessage())));
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // One file must never end the scan of an organisation's repositories, whatever it does to a parser.
            collector.problems.add(
                    new ScanProblem(name, 0, "cannot scan: " + e.getClass().getSimpleName()));
        }
    }
}
