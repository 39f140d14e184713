package dev.cutover.orchestrator.switching;

import static dev.cutover.orchestrator.switching.SwitchFixtures.load;
import static dev.cutover.orchestrator.switching.SwitchFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random .properties files (comments ending in backslashes, blank lines with whitespace, every separator,
 * escapes, continuations, duplicates, unicode) against three profiles. For each: what java.util.Properties reads from
 * the result is what it read before with only the connection keys changed; every block that holds no connection key
 * is still there, in order, byte for byte; and a second rewrite changes nothing.
 */
class PropertiesRewritePropertyTest {
    private static final List<String> CONNECTION_KEYS = List.of(
            "bootstrap.servers",
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.location",
            "ssl.endpoint.identification.algorithm");
    private static final List<String> OTHER_KEYS = List.of(
            "group.id", "client.id", "max.poll.records", "key with space", "a=b:c", "caf\u00e9", "#not.comment");
    private static final List<String> SEPARATORS = List.of("=", " = ", ":", ": ", " ", "\t", "");
    private static final String VALUE_CHARS = "ab9:=#! \\\t,.${}/\u00e9\u20ac";

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
                    "/etc/kafka/t r\u00fcst.jks"),
            profile("plain", "bootstrap.servers", " leading-space:1"),
            profile(
                    "env",
                    "bootstrap.servers",
                    "e:1",
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                            + " password=\"${env:PW}\";"));

    @Test
    void randomFilesKeepTheirOtherLinesAndGainExactlyTheProfile() {
        Random random = new Random(20261203L);
        for (int round = 0; round < 3000; round++) {
            List<Block> blocks = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                blocks.add(block(random));
            }
            String original = String.join("", blocks.stream().map(Block::text).toList());
            boolean noFinalNewline =
                    random.nextInt(5) == 0 && original.endsWith("\n") && !endsInOddBackslashes(original);
            if (noFinalNewline) {
                original = original.substring(0, original.length() - 1);
            }
            ConnectionProfile profile = PROFILES.get(random.nextInt(PROFILES.size()));
            ConnectionSettings settings = ConnectionSettings.of(profile, "client.properties");
            String context = "round " + round + ", profile " + profile.name() + ", file:\n" + original;

            String rewritten = PropertiesRewriter.rewrite(original, settings).text();

            assertThat(load(rewritten)).as(context).isEqualTo(expected(load(original), settings));
            int from = 0;
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                if (b.other()) {
                    String text = noFinalNewline && i == blocks.size() - 1
                            ? b.text().substring(0, b.text().length() - 1) // the file's last line, without newline
                            : b.text();
                    int at = rewritten.indexOf(text, from);
                    assertThat(at)
                            .as(context + "\nblock kept in order: " + b.text())
                            .isGreaterThanOrEqualTo(0);
                    from = at + text.length();
                }
            }
            assertThat(PropertiesRewriter.rewrite(rewritten, settings).text())
                    .as(context)
                    .isEqualTo(rewritten);
        }
    }

    private static Map<String, String> expected(Map<String, String> before, ConnectionSettings settings) {
        Map<String, String> out = new TreeMap<>(before);
        out.keySet()
                .removeIf(k -> ConnectionSettings.isConnectionKey(k)
                        && !settings.settings().containsKey(k));
        out.putAll(settings.settings());
        if (!settings.providerNames().isEmpty()) {
            String existing = before.get("config.providers");
            Set<String> names = new LinkedHashSet<>();
            if (existing != null) {
                Arrays.stream(existing.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .forEach(names::add);
            }
            boolean all = names.containsAll(settings.providerNames());
            names.addAll(settings.providerNames());
            out.put("config.providers", all ? existing : String.join(",", names));
            out.putAll(settings.providers());
        }
        return out;
    }

    private static Block block(Random random) {
        String nl = random.nextInt(6) == 0 ? "\r\n" : "\n";
        switch (random.nextInt(6)) {
            case 0 -> {
                String text = (random.nextBoolean() ? "#" : "  !") + randomText(random, 10);
                if (random.nextBoolean()) {
                    text += "\\"; // a comment never continues
                }
                return new Block(text + nl, true);
            }
            case 1 -> {
                return new Block(" \t".substring(0, random.nextInt(3)) + nl, true);
            }
            case 2, 3 -> {
                return new Block(entry(random, CONNECTION_KEYS.get(random.nextInt(CONNECTION_KEYS.size())), nl), false);
            }
            case 4 -> {
                return new Block(entry(random, "config.providers", nl), false);
            }
            default -> {
                String key = OTHER_KEYS.get(random.nextInt(OTHER_KEYS.size()));
                return new Block(entry(random, key, nl), true);
            }
        }
    }

    /** An entry: indentation, the escaped key, a separator, an escaped value split by continuations. */
    private static String entry(Random random, String key, String nl) {
        String value = key.equals("config.providers")
                ? List.of("file", "vault", "vault, env", "").get(random.nextInt(4))
                : randomText(random, 12);
        String separator = SEPARATORS.get(random.nextInt(SEPARATORS.size()));
        if (separator.isEmpty() && !value.isEmpty()) {
            separator = "=";
        }
        StringBuilder text = new StringBuilder(" \t".substring(0, random.nextInt(3)));
        text.append(PropertiesRewriter.escapeKey(key)).append(separator);
        for (char c : value.toCharArray()) {
            if (random.nextInt(8) == 0) {
                text.append('\\').append(nl).append("    ".substring(0, random.nextInt(5)));
            }
            text.append(PropertiesRewriter.escapeValue(String.valueOf(c)).replace("\\ ", " "));
        }
        return text.append(nl).toString();
    }

    private static String randomText(Random random, int max) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(max);
        for (int i = 0; i < length; i++) {
            out.append(VALUE_CHARS.charAt(random.nextInt(VALUE_CHARS.length())));
        }
        return out.toString();
    }

    private static boolean endsInOddBackslashes(String text) {
        int n = 0;
        for (int i = text.length() - 2; i >= 0 && text.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
