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
 *     duplicateTolerance: none       # optional, default none: none | idempotent-downstream | replay-ok
 *     sideEffects: sends e-mails     # optional, free text
 *     rollbackOwner: alice           # optional
 *     offsets: translate             # optional: translate | reset-to-time | replay-from-earliest | reset-latest
 *     match:                         # required, at least one; each one id/glob or a list
 *       groupId: orders-*
 *       transactionalId: orders-tx-*
 *       clientId: orders-*
 *       principal: User:orders
 * }</pre>
 */
final class WorkloadsYamlParser {
    static final List<String> TOP_LEVEL_SECTIONS = List.of("version", "workloads");
    static final List<String> WORKLOAD_KEYS = List.of(
            "name",
            "owner",
            "roles",
            "topics",
            "duplicateTolerance",
            "sideEffects",
            "rollbackOwner",
            "offsets",
            "match");
    static final List<String> MATCH_KEYS = List.of("groupId", "transactionalId", "clientId", "principal");

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
        return new Workload(
                name,
                owner,
                roles,
                f.textOrList("topics"),
                tolerance,
                f.text("sideEffects"),
                f.text("rollbackOwner"),
                match(Fields.of(matchNode, f.pathOf("match"))),
                offsets);
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
