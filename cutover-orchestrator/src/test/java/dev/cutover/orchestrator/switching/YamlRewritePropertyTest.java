package dev.cutover.orchestrator.switching;

import static dev.cutover.orchestrator.switching.SwitchFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.yaml.YamlNode;
import dev.cutover.config.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random YAML files with the Kafka properties in a nested mapping or a list item, written in every scalar style,
 * with block scalars, lists, nested maps, comments at any indentation and blank lines around them. For each: a YAML
 * parser reads the profile's settings where the connection keys were and every other key as before; every block
 * that is not a connection key is still there, in order, byte for byte; a second rewrite changes nothing.
 */
class YamlRewritePropertyTest {
    private static final List<String> OPTIONAL_CONNECTION_KEYS = List.of(
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.location",
            "ssl.enabled.protocols",
            "ssl.endpoint.identification.algorithm");
    private static final List<String> OTHER_KEYS =
            List.of("group.id", "client.id", "max.poll.records", "auto.offset.reset", "ssl", "notes", "\"quoted.key\"");
    private static final List<String> VALUES =
            List.of("a:1", "SSL", "true", "9092", "x y", "it's", "say \"hi\"", "${env:X}", "", "é", "#hash", "a #b");

    private record Block(String text, boolean other) {}

    private static final List<ConnectionProfile> PROFILES = List.of(
            profile(
                    "target",
                    "bootstrap.servers",
                    "target-1:9093,target-2:9093",
                    "security.protocol",
                    "SASL_SSL",
                    "sasl.mechanism",
                    "SCRAM-SHA-256",
                    "sasl.jaas.config",
                    "${file:/secrets/target.properties:jaas}",
                    "ssl.truststore.location",
                    "/etc/kafka/trust store.jks"),
            profile("plain", "bootstrap.servers", "10.0.0.1:9092", "security.protocol", "PLAINTEXT"),
            profile("odd", "bootstrap.servers", "b:1", "ssl.enabled.protocols", "TLSv1.3", "sasl.mechanism", "true"));

    @Test
    void randomFilesKeepTheirOtherLinesAndGainExactlyTheProfile() {
        Random random = new Random(3122026L);
        for (int round = 0; round < 2000; round++) {
            boolean listItem = random.nextInt(3) == 0;
            int column = listItem ? 4 : 4 + 2 * random.nextInt(2);
            List<Block> blocks = new ArrayList<>();
            blocks.add(new Block("# generated file\nname: app\n", true));
            if (listItem) {
                blocks.add(new Block("clients:\n  - name: first\n    group.id: g\n", true));
            } else {
                blocks.add(
                        new Block(column == 4 ? "spring:\n  kafka:\n" : "spring:\n  kafka:\n    properties:\n", true));
            }
            List<String> keys = new ArrayList<>();
            keys.add("bootstrap.servers");
            OPTIONAL_CONNECTION_KEYS.stream().filter(k -> random.nextBoolean()).forEach(keys::add);
            OTHER_KEYS.stream().filter(k -> random.nextBoolean()).forEach(keys::add);
            Collections.shuffle(keys, random);
            if (listItem) {
                keys.remove("bootstrap.servers");
                keys.add(0, "bootstrap.servers"); // '- bootstrap.servers: ...' opens the item
            }
            Map<String, YamlNode> othersBefore = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                String lead = listItem && i == 0 ? "  - " : " ".repeat(column);
                if (random.nextInt(4) == 0 && !(listItem && i == 0)) {
                    // at most at the mapping's column: deeper, right after a block scalar, it would be the scalar's
                    // content
                    blocks.add(new Block(" ".repeat(random.nextInt(column + 1)) + "# note " + i + "\n", true));
                }
                if (random.nextInt(5) == 0 && !(listItem && i == 0)) {
                    blocks.add(new Block("\n", true));
                }
                boolean other = OTHER_KEYS.contains(key);
                blocks.add(new Block(lead + key + ":" + value(random, column), other));
            }
            blocks.add(new Block(
                    listItem
                            ? "  - name: last\ntrailing: 1\n"
                            : (column == 6 ? "    after: x\n" : "") + "  other: y\nz: 1\n",
                    true));
            String original = String.join("", blocks.stream().map(Block::text).toList());
            ConnectionProfile profile = PROFILES.get(random.nextInt(PROFILES.size()));
            ConnectionSettings settings = ConnectionSettings.of(profile, "application.yml");
            String context = "round " + round + ", profile " + profile.name() + ", file:\n" + original;

            YamlNode.Mapping before = kafka(YamlReader.readDocument("before.yml", original), listItem, column);
            for (YamlNode.Entry e : before.entries()) {
                if (!ConnectionSettings.isConnectionKey(e.key())) {
                    othersBefore.put(e.key(), e.value());
                }
            }

            String rewritten =
                    YamlRewriter.rewrite(original, settings, "application.yml").text();

            YamlNode.Mapping after = kafka(YamlReader.readDocument("after.yml", rewritten), listItem, column);
            Map<String, String> connection = new LinkedHashMap<>();
            Map<String, String> others = new LinkedHashMap<>();
            for (YamlNode.Entry e : after.entries()) {
                if (ConnectionSettings.isConnectionKey(e.key()) || e.key().startsWith("config.providers")) {
                    connection.put(
                            e.key(), ((YamlNode.Scalar) e.value()).value().orElse(""));
                } else {
                    others.put(e.key(), describe(e.value()));
                }
            }
            assertThat(connection).as(context).isEqualTo(settings.desiredIn(java.util.Optional.empty()));
            Map<String, String> othersExpected = new LinkedHashMap<>();
            othersBefore.forEach((k, v) -> othersExpected.put(k, describe(v)));
            assertThat(others).as(context).isEqualTo(othersExpected);
            int from = 0;
            for (Block b : blocks) {
                if (b.other()) {
                    int at = rewritten.indexOf(b.text(), from);
                    assertThat(at)
                            .as(context + "\nblock kept in order: " + b.text())
                            .isGreaterThanOrEqualTo(0);
                    from = at + b.text().length();
                }
            }
            assertThat(YamlRewriter.rewrite(rewritten, settings, "application.yml")
                            .text())
                    .as(context)
                    .isEqualTo(rewritten);
        }
    }

    /** The rest of a key's line and the lines of its value, in one of many styles. */
    private static String value(Random random, int column) {
        String v = VALUES.get(random.nextInt(VALUES.size()));
        String deeper = " ".repeat(column + 2);
        return switch (random.nextInt(8)) {
            case 0 -> " '" + v.replace("'", "''") + "'\n";
            case 1 -> " \"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
            case 2 -> " |\n" + deeper + "line one: " + v + "\n\n" + deeper + "# not a comment\n";
            case 3 -> " >-\n" + deeper + "folded\n" + deeper + "text\n";
            case 4 -> "\n" + deeper + "- TLSv1.2\n" + deeper + "- TLSv1.3\n";
            case 5 -> "\n" + deeper + "nested: " + (YamlScalars.isPlainSafe(v) ? v : "'x'") + "\n";
            case 6 -> " " + (YamlScalars.isPlainSafe(v) ? v : "plain") + "   # trailing comment\n";
            default -> " " + (YamlScalars.isPlainSafe(v) ? v : "'" + v.replace("'", "''") + "'") + "\n";
        };
    }

    private static YamlNode.Mapping kafka(YamlNode root, boolean listItem, int column) {
        YamlNode.Mapping doc = (YamlNode.Mapping) root;
        if (listItem) {
            YamlNode.Sequence clients = (YamlNode.Sequence) doc.get("clients").orElseThrow();
            return (YamlNode.Mapping) clients.items().get(1);
        }
        YamlNode.Mapping kafka =
                (YamlNode.Mapping) ((YamlNode.Mapping) doc.get("spring").orElseThrow())
                        .get("kafka")
                        .orElseThrow();
        return column == 4 ? kafka : (YamlNode.Mapping) kafka.get("properties").orElseThrow();
    }

    private static String describe(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return "scalar:" + s.value().orElse("<null>");
        }
        if (node instanceof YamlNode.Sequence s) {
            return "list:"
                    + s.items().stream().map(YamlRewritePropertyTest::describe).toList();
        }
        YamlNode.Mapping m = (YamlNode.Mapping) node;
        return "map:"
                + m.entries().stream()
                        .map(e -> e.key() + "=" + describe(e.value()))
                        .toList();
    }
}
