package dev.cutover.cli.hostile;

import static dev.cutover.cli.hostile.HostileCase.CANARY;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the hostile inputs of {@link HostileInputTest}, one directory per case: every workspace file cutover reads
 * (cutover.yaml, workloads.yaml, plan.yaml, a profile's propertiesFile) and a tree for {@code --scan-configs}, each
 * with YAML bombs, recursive aliases, deep nesting, huge values and files, special files, bad encodings, empty
 * files, duplicate keys, second documents and parser errors around a planted {@link HostileCase#CANARY}.
 */
final class HostileCases {
    static final String CUTOVER_YAML =
            "version: 1\nclusters:\n  source:\n    properties:\n      bootstrap.servers: 127.0.0.1:9\n    timeout: 2s\n";
    static final String WORKLOADS_YAML = "version: 1\nworkloads:\n  - name: billing\n    owner: team-billing\n"
            + "    roles: [consumer]\n    match: {groupId: billing}\n";
    private static final int MIB = 1024 * 1024;

    private final Path root;
    private final Path inventory;
    private final List<HostileCase> cases = new ArrayList<>();

    private HostileCases(Path root, Path inventory) {
        this.root = root;
        this.inventory = inventory;
    }

    /** Every case, written under {@code root}; {@code inventory} is a saved inventory report for `cutover plan`. */
    static List<HostileCase> write(Path root, Path inventory) throws Exception {
        HostileCases c = new HostileCases(root, inventory);
        for (String file : List.of("cutover.yaml", "workloads.yaml", "plan.yaml")) {
            c.yamlFile(file);
        }
        c.propertiesFile();
        c.otherInputs();
        c.scannedTree();
        return List.copyOf(c.cases);
    }

    /** A YAML bomb of 49 aliases (below SnakeYAML's alias limit of 50) that stands for 9 x 7^7 = 7.4 million values. */
    static String bomb() {
        StringBuilder text = new StringBuilder("a: &a [");
        for (int i = 0; i < 9; i++) {
            text.append(i == 0 ? "" : ", ").append('"').append(CANARY).append('"');
        }
        text.append("]\n");
        for (char level = 'b'; level <= 'h'; level++) {
            text.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 7; i++) {
                text.append(i == 0 ? "" : ", ").append('*').append((char) (level - 1));
            }
            text.append("]\n");
        }
        return text.toString();
    }

    private void yamlFile(String file) throws Exception {
        String group = file.substring(0, file.indexOf('.'));
        yaml(group, file, "bomb", bomb(), 2, "\\d+:\\d+", "more than 500000 values");
        yaml(group, file, "recursive-alias", "x: &a [*a]\n", 2, "1:8", "recursive alias");
        yaml(group, file, "recursive-alias-in-mapping", "x: &a {y: *a}\n", 2, "1:11", "recursive alias");
        yaml(group, file, "deep-nesting", "x: " + "[".repeat(5000) + "]".repeat(5000) + "\n", 2, "1:\\d+", "deeper");
        yaml(group, file, "one-line-1MiB", "x: " + "A".repeat(MIB) + "\n", 2, "1:\\d+", "a line longer than");
        yaml(group, file, "duplicate-key", "version: 1\nversion: 1\n", 2, "2:1", "duplicate key");
        yaml(group, file, "second-document", "version: 1\n---\nversion: 2\n", 2, "3:1", "a second YAML document");
        yaml(group, file, "undefined-alias", "version: 1\nx: *" + CANARY + "\n", 2, "2:4", "alias");
        yaml(group, file, "tag-handle", "version: 1\nx: !" + CANARY + "!x y\n", 2, "2:4", "tag");
        yaml(group, file, "unknown-escape", "version: 1\nx: \"\\q" + CANARY + "\"\n", 2, "2:\\d+", "escape");
        yaml(group, file, "control-character", "version: 1\nx: ab\u0001" + CANARY + "\n", 2, "2:6", "control");
        Path badUtf8 = workspace(group, "bad-utf8", file, null);
        Files.write(
                badUtf8.resolve(file),
                ("version: 1\nx: \"ab\u00ff" + CANARY + "\"\n").getBytes(StandardCharsets.ISO_8859_1));
        add(group, "bad-utf8", badUtf8, 2, file, "2:7", List.of("not UTF-8", "byte offset 17"));
        boolean emptyIsFine = file.equals("workloads.yaml");
        yaml(group, file, "empty", "", emptyIsFine ? 0 : 2, emptyIsFine ? null : "1:1", List.of("version"));
        Path huge = workspace(group, "sparse-50MiB", file, null);
        try (RandomAccessFile f = new RandomAccessFile(huge.resolve(file).toFile(), "rw")) {
            f.setLength(50L * MIB);
        }
        add(group, "sparse-50MiB", huge, 2, file, null, List.of("larger than 4 MiB"));
        add(group, "fifo", special(group, "fifo", file, Special.FIFO), 2, file, null, List.of("not a regular file"));
        add(group, "dev-zero", special(group, "dev-zero", file, Special.DEV_ZERO), 2, file, null, List.of("not a"));
        add(group, "directory", special(group, "directory", file, Special.DIRECTORY), 2, file, null, List.of("dir"));
        if (file.equals("cutover.yaml")) {
            for (String duration : List.of("99999999999999999999s", "100000000000000d")) {
                yaml(
                        group,
                        file,
                        "duration-" + duration,
                        CUTOVER_YAML.replace("timeout: 2s", "timeout: " + duration),
                        2,
                        "6:14",
                        List.of("clusters.source.timeout", "not a positive duration"));
            }
        }
        if (file.equals("workloads.yaml")) {
            yaml(
                    group,
                    file,
                    "empty-name",
                    WORKLOADS_YAML.replace("name: billing", "name: \"\""),
                    2,
                    "3:11",
                    List.of("workloads[0].name", "empty"));
        }
    }

    private void propertiesFile() throws Exception {
        String group = "propertiesFile";
        for (Special special : Special.values()) {
            String name = special.name().toLowerCase(java.util.Locale.ROOT);
            Path ws = workspace(group, name, "cutover.yaml", profileWithPropertiesFile());
            special.create(ws.resolve("client.properties"));
            add(group, name, ws, 2, "cutover.yaml", "4:21", List.of("clusters.source.propertiesFile", "not a"));
        }
        Path ws = workspace(group, "sparse-50MiB", "cutover.yaml", profileWithPropertiesFile());
        try (RandomAccessFile f =
                new RandomAccessFile(ws.resolve("client.properties").toFile(), "rw")) {
            f.setLength(50L * MIB);
        }
        add(group, "sparse-50MiB", ws, 2, "cutover.yaml", "4:21", List.of("larger than 4 MiB"));
    }

    /** Files named on the command line: a saved inventory for `plan --inventory`, an attested file. */
    private void otherInputs() throws Exception {
        String group = "propertiesFile";
        for (Special special : Special.values()) {
            String name = "inventory-" + special.name().toLowerCase(java.util.Locale.ROOT);
            Path ws = workspace(group, name, "cutover.yaml", CUTOVER_YAML);
            Path saved = ws.resolve("inventory.json");
            special.create(saved);
            List<String> args =
                    List.of("plan", "--workspace", ws.toString(), "--inventory", saved.toString(), "--output", "json");
            register(new HostileCase(group, name, ws, args, 2, saved.toString(), null, List.of("not a")));
        }
        Path evidence = workspace(group, "evidence-dir-fifo", "cutover.yaml", CUTOVER_YAML);
        Path planted = Files.createDirectories(evidence.resolve("evidence")).resolve("planted.json");
        Special.FIFO.create(planted);
        register(new HostileCase(
                group,
                "evidence-dir-fifo",
                evidence,
                List.of("evidence", "list", "--workspace", evidence.toString()),
                2,
                planted.toString(),
                null,
                List.of("not a regular file")));
        Path ws = workspace(group, "evidence-file-fifo", "cutover.yaml", CUTOVER_YAML);
        Path attested = ws.resolve("runbook.md");
        Special.FIFO.create(attested);
        List<String> args = List.of(
                "evidence",
                "add",
                "--workspace",
                ws.toString(),
                "--workload",
                "billing",
                "--area",
                "rollback",
                "--file",
                attested.toString(),
                "--by",
                "alice",
                "--target-cluster-id",
                "hostile");
        register(
                new HostileCase(group, "evidence-file-fifo", ws, args, 2, attested.toString(), null, List.of("not a")));
    }

    private static String profileWithPropertiesFile() {
        return "version: 1\nclusters:\n  source:\n    propertiesFile: client.properties\n    timeout: 2s\n";
    }

    /**
     * application.yml files that broke or echoed in the scanner, beside a good one: the scan must note each and go on
     * to the cluster (unreachable here: exit 3), within the small heap.
     */
    private void scannedTree() throws Exception {
        Path ws = workspace("scan", "application-files", "cutover.yaml", CUTOVER_YAML);
        Path tree = Files.createDirectories(ws.resolve("apps"));
        String[] hostile = {
            bomb(),
            "x: &a [*a]\n",
            "x: " + "[".repeat(5000) + "]".repeat(5000) + "\n",
            "x: *" + CANARY + "\n",
            "x: !" + CANARY + "!x y\n",
            "x: " + "A".repeat(MIB) + "\n"
        };
        for (int i = 0; i < hostile.length; i++) {
            Path app = Files.createDirectories(tree.resolve("app" + i));
            Files.writeString(app.resolve("application.yml"), hostile[i]);
        }
        Special.FIFO.create(Files.createDirectories(tree.resolve("fifo")).resolve("application.yml"));
        Files.createSymbolicLink(tree.resolve("zero.yml"), Path.of("/dev/zero"));
        Files.writeString(
                Files.createDirectories(tree.resolve("good")).resolve("application.yml"),
                "spring:\n  kafka:\n    bootstrap-servers: good:9092\n");
        List<String> args = List.of("inventory", "--workspace", ws.toString(), "--scan-configs", tree.toString());
        register(new HostileCase("scan", "application-files", ws, args, 3, null, null, List.of()));
    }

    private void yaml(String group, String file, String name, String text, int exit, String at, String says)
            throws IOException {
        yaml(group, file, name, text, exit, at, List.of(says));
    }

    private void yaml(String group, String file, String name, String text, int exit, String at, List<String> says)
            throws IOException {
        add(group, name, workspace(group, name, file, text), exit, file, at, says);
    }

    private Path special(String group, String name, String file, Special special) throws Exception {
        Path ws = workspace(group, name, file, null);
        special.create(ws.resolve(file));
        return ws;
    }

    /** A valid workspace with {@code file} replaced by {@code text} ({@code null}: left for the caller to create). */
    private Path workspace(String group, String name, String file, String text) throws IOException {
        Path ws = Files.createDirectories(root.resolve(group).resolve(name));
        Files.writeString(ws.resolve("cutover.yaml"), CUTOVER_YAML);
        Files.writeString(ws.resolve("workloads.yaml"), WORKLOADS_YAML);
        Files.deleteIfExists(ws.resolve(file));
        if (text != null) {
            Files.writeString(ws.resolve(file), text);
        }
        return ws;
    }

    private void add(String group, String name, Path ws, int exit, String file, String at, List<String> says) {
        List<String> args =
                List.of("plan", "--workspace", ws.toString(), "--inventory", inventory.toString(), "--output", "json");
        register(new HostileCase(group, name, ws, args, exit, ws.resolve(file).toString(), at, says));
    }

    private void register(HostileCase c) {
        try {
            Files.write(c.dir().resolve("args"), c.args(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        cases.add(c);
    }

    enum Special {
        FIFO,
        DEV_ZERO,
        DIRECTORY;

        void create(Path path) throws Exception {
            switch (this) {
                case FIFO -> {
                    Process mkfifo = new ProcessBuilder("mkfifo", path.toString())
                            .redirectErrorStream(true)
                            .start();
                    if (mkfifo.waitFor() != 0) {
                        throw new IOException("mkfifo " + path + " failed: "
                                + new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                case DEV_ZERO -> Files.createSymbolicLink(path, Path.of("/dev/zero"));
                case DIRECTORY -> Files.createDirectories(path);
            }
        }
    }
}
