package dev.cutover.config;

import dev.cutover.config.yaml.ConfigErrors;
import dev.cutover.config.yaml.Fields;
import dev.cutover.config.yaml.Location;
import dev.cutover.config.yaml.YamlNode;
import dev.cutover.config.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code workloads.yaml}, version 1:
 *
 * <pre>{@code
 * version: 1
 * workloads:
 *   - name: orders-writer            # required, unique: the id --workload takes
 *     owner: team-orders             # required
 *     roles: [producer]              # required: producer, consumer, streams, connect, admin
 *     topics: [orders]               # optional
 *     writes: [order-counts]         # optional: which of its topics it writes, when it also reads (streams, read-
 *                                    # process-write); each must be one of its topics
 *     duplicateTolerance: none       # optional, default none: none | idempotent-downstream | replay-ok
 *     sideEffects: sends e-mails     # optional, free text
 *     rollbackOwner: alice           # optional
 *     offsets: translate             # optional: translate | reset-to-time | replay-from-earliest | reset-latest
 *     match:                         # required, at least one; each one id/glob or a list
 *       groupId: orders-*
 *       transactionalId: orders-tx-*
 *       clientId: orders-*
 *       principal: User:orders
 *     switch:                        # optional: how its client is moved between clusters
 *       file: apps/orders/client.properties   # a .properties, .yaml or .yml file cutover rewrites (relative to
 *                                              # the workspace): the profile's connection settings, nothing else
 *       command: [./restart.sh, orders]        # argv run for stop and for start (a list, at least one item)
 *       # or, alone:  manual: "ask team-orders to redeploy orders-writer with the new endpoint"
 * }</pre>
 *
 * <p>{@code switch:} takes {@code file}, {@code command} or both (the file is rewritten, then the command restarts
 * the client), or {@code manual} alone. See {@code docs/waves.md}, section "Switchers".
 */
final class WorkloadsYamlParser {
    static final List<String> TOP_LEVEL_SECTIONS = List.of("version", "workloads");
    static final List<String> WORKLOAD_KEYS = List.of(
            "name",
            "owner",
            "roles",
            "topics",
            "writes",
            "duplicateTolerance",
            "sideEffects",
            "rollbackOwner",
            "offsets",
            "match",
            "switch");
    static final List<String> MATCH_KEYS = List.of("groupId", "transactionalId", "clientId", "principal");
    static final List<String> SWITCH_KEYS = List.of("file", "command", "manual");

    private WorkloadsYamlParser() {}

    static WorkloadManifest parse(Path file, String text) {
        Fields root =
                Fields.of(YamlReader.readDocument(file.toString(), text), "").allowOnly(TOP_LEVEL_SECTIONS);
        if (root.mapping().entries().isEmpty()) {
            return WorkloadManifest.empty();
        }
        Versions.require(root, 1);
        Optional<YamlNode> list = root.node("workloads");
        if (list.isEmpty()
                || (list.get() instanceof YamlNode.Scalar s && s.value().isEmpty())) {
            return WorkloadManifest.empty();
        }
        if (!(list.get() instanceof YamlNode.Sequence sequence)) {
            throw ConfigErrors.invalid(
                    list.get().location(),
                    "workloads",
                    "expected a list but found " + list.get().describe(),
                    "write each workload as a list item starting with '- name: ...'");
        }
        List<Workload> workloads = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            Workload w = workload(Fields.of(sequence.items().get(i), "workloads[" + i + "]"));
            Location at = sequence.items().get(i).location();
            Location previous = seen.putIfAbsent(w.name(), at);
            if (previous != null) {
                throw ConfigErrors.invalid(
                        at,
                        "workloads[" + i + "].name",
                        "duplicate workload name '" + w.name() + "' (first at line " + previous.line() + ")",
                        "give every workload a unique name; --workload selects by it");
            }
            workloads.add(w);
        }
        return new WorkloadManifest(workloads);
    }

    private static Workload workload(Fields f) {
        f.allowOnly(WORKLOAD_KEYS);
        String name = f.requireText("name", "add 'name: <unique id>' to this workload");
        if (name.isBlank()) {
            throw ConfigErrors.invalid(
                    f.locationOf("name"),
                    f.pathOf("name"),
                    "the workload's name is empty",
                    "give the workload a unique name, e.g. 'name: orders-writer'; --workload selects by it");
        }
        String owner = f.requireText("owner", "add 'owner: <team or person>' to workload '" + name + "'");
        List<String> roleNames = f.textOrList("roles");
        if (roleNames.isEmpty()) {
            throw f.missing("roles", "add 'roles: [...]' with any of " + String.join(", ", Role.yamlNames()));
        }
        List<Role> roles = new ArrayList<>();
        for (String r : roleNames) {
            roles.add(Role.fromYaml(r).orElseThrow(() -> unknownValue(f, "roles", r, Role.yamlNames())));
        }
        DuplicateTolerance tolerance = f.text("duplicateTolerance")
                .map(t -> DuplicateTolerance.fromYaml(t)
                        .orElseThrow(() -> unknownValue(f, "duplicateTolerance", t, DuplicateTolerance.yamlNames())))
                .orElse(DuplicateTolerance.NONE);
        Optional<OffsetDecision> offsets = f.text("offsets").map(t -> OffsetDecision.fromYaml(t)
                .orElseThrow(() -> unknownValue(f, "offsets", t, OffsetDecision.yamlNames())));
        YamlNode matchNode = f.node("match")
                .orElseThrow(() -> f.missing(
                        "match", "add 'match:' with any of " + String.join(", ", MATCH_KEYS) + " for '" + name + "'"));
        List<String> topics = f.textOrList("topics");
        Optional<List<String>> writes = f.node("writes").map(n -> f.textOrList("writes"));
        writes.ifPresent(list -> list.stream()
                .filter(t -> !topics.contains(t))
                .findFirst()
                .ifPresent(t -> {
                    throw ConfigErrors.invalid(
                            f.locationOf("writes"),
                            f.pathOf("writes"),
                            "'" + t + "' is under writes: but not under topics: of workload '" + name + "'",
                            "writes: lists which of its topics it writes: add '" + t + "' to topics: as well");
                }));
        return new Workload(
                name,
                owner,
                roles,
                topics,
                tolerance,
                f.text("sideEffects"),
                f.text("rollbackOwner"),
                match(Fields.of(matchNode, f.pathOf("match"))),
                offsets,
                f.node("switch").map(node -> switchSpec(Fields.of(node, f.pathOf("switch")), name)),
                writes);
    }

    private static SwitchSpec switchSpec(Fields f, String workload) {
        f.allowOnly(SWITCH_KEYS);
        Optional<String> file = f.text("file");
        if (file.isPresent() && !SwitchSpec.hasKnownExtension(file.get())) {
            throw ConfigErrors.invalid(
                    f.locationOf("file"),
                    f.pathOf("file"),
                    "'" + file.get() + "' is neither a .properties nor a YAML file",
                    "the file switcher rewrites files ending in " + String.join(", ", SwitchSpec.FILE_EXTENSIONS)
                            + "; for another format, use 'command:' to set the endpoint and restart the client");
        }
        List<String> command = f.node("command").map(node -> command(f, node)).orElse(List.of());
        Optional<String> manual = f.text("manual");
        if (manual.isPresent() && (file.isPresent() || !command.isEmpty())) {
            throw ConfigErrors.invalid(
                    f.locationOf("manual"),
                    f.pathOf("manual"),
                    "'manual' cannot be combined with 'file' or 'command'",
                    "keep 'manual' alone (an operator moves the client) or remove it and let cutover move the client"
                            + " with 'file' and/or 'command'");
        }
        if (manual.isPresent() && manual.get().isBlank()) {
            throw ConfigErrors.invalid(
                    f.locationOf("manual"),
                    f.pathOf("manual"),
                    "the manual instruction is empty",
                    "say what the operator must do, e.g. manual: \"ask " + workload + "'s owners to redeploy it\"");
        }
        if (manual.isEmpty() && file.isEmpty() && command.isEmpty()) {
            throw ConfigErrors.invalid(
                    f.mapping().location(),
                    f.path(),
                    "switch has no switcher",
                    "add 'file: <client properties or YAML file>', 'command: [argv...]' (or both), or 'manual: <what"
                            + " an operator must do>'");
        }
        return new SwitchSpec(file, command, manual);
    }

    private static List<String> command(Fields f, YamlNode node) {
        String path = f.pathOf("command");
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw ConfigErrors.invalid(
                    node.location(),
                    path,
                    "expected a list (the command's argv) but found " + node.describe(),
                    "write the command and its arguments as a list, e.g. command: [./restart.sh, billing]; cutover"
                            + " runs it without a shell");
        }
        if (sequence.items().isEmpty()) {
            throw ConfigErrors.invalid(
                    node.location(),
                    path,
                    "the command is an empty list",
                    "name the program and its arguments, e.g. command: [./restart.sh, billing], or remove 'command'");
        }
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String arg = Fields.scalar(sequence.items().get(i), path + "[" + i + "]");
            if (arg.isEmpty()) {
                throw ConfigErrors.invalid(
                        sequence.items().get(i).location(),
                        path + "[" + i + "]",
                        "an empty argument",
                        "remove it or write the argument it stands for");
            }
            argv.add(arg);
        }
        return List.copyOf(argv);
    }

    private static WorkloadMatch match(Fields f) {
        f.allowOnly(MATCH_KEYS);
        List<String> principals = f.textOrList("principal");
        for (String p : principals) {
            if (!p.contains(":")) {
                throw ConfigErrors.invalid(
                        f.locationOf("principal"),
                        f.pathOf("principal"),
                        "principal '" + p + "' has no type",
                        "write it as Kafka prints it, e.g. 'User:" + p + "'");
            }
        }
        List<String> groups = f.textOrList("groupId");
        List<String> transactional = f.textOrList("transactionalId");
        List<String> clients = f.textOrList("clientId");
        if (groups.isEmpty() && transactional.isEmpty() && clients.isEmpty() && principals.isEmpty()) {
            throw ConfigErrors.invalid(
                    f.mapping().location(),
                    f.path(),
                    "match has no criteria",
                    "add at least one of " + String.join(", ", MATCH_KEYS));
        }
        return new WorkloadMatch(groups, transactional, clients, principals);
    }

    private static RuntimeException unknownValue(Fields f, String key, String value, List<String> allowed) {
        String suggestion = ConfigErrors.closest(value, allowed)
                .map(s -> "did you mean '" + s + "'? ")
                .orElse("");
        return ConfigErrors.invalid(
                f.locationOf(key),
                f.pathOf(key),
                "unknown value '" + value + "'",
                suggestion + "allowed values are: " + String.join(", ", allowed));
    }
}
