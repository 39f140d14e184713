package dev.cutover.config;

import dev.cutover.config.yaml.ConfigErrors;
import dev.cutover.config.yaml.Fields;
import dev.cutover.config.yaml.YamlNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses one entry of {@code cutover.yaml}'s {@code links:} section into a {@link LinkConfig} (format in {@link CutoverYamlParser}). */
final class LinkSection {
    static final List<String> KEYS = List.of(
            "topics",
            "exclude",
            "from",
            "maxBytesPerSecond",
            "syncSecurity",
            "principalMap",
            "lease",
            "metadataRefresh",
            "alsoInclude",
            "schemaIds");

    private static final Duration MIN_LEASE = Duration.ofSeconds(1);

    private LinkSection() {}

    static LinkConfig parse(YamlNode.Entry entry, String path) {
        if (!LinkConfig.validName(entry.key())) {
            throw ConfigErrors.invalid(
                    entry.keyLocation(),
                    path,
                    "link name '" + entry.key() + "' is not 1 to 100 letters, digits, '.', '_' or '-'",
                    "rename the link, e.g. 'default' or 'orders-eu'");
        }
        if (entry.value() instanceof YamlNode.Scalar scalar && scalar.value().isEmpty()) {
            return LinkConfig.named(entry.key()); // "name:" alone: a link with the defaults
        }
        Fields fields = Fields.of(entry.value(), path).allowOnly(KEYS);
        Optional<String> topics = regex(fields, "topics");
        Optional<String> exclude = regex(fields, "exclude");
        Optional<String> from = fields.text("from").map(f -> {
            if (!LinkConfig.validFrom(f)) {
                throw ConfigErrors.invalid(
                        fields.locationOf("from"),
                        fields.pathOf("from"),
                        "'" + f + "' is not a start position",
                        "write earliest, latest, an ISO-8601 instant such as 2026-01-31T00:00:00Z, or epoch"
                                + " milliseconds");
            }
            return f;
        });
        OptionalLong maxBytes = fields.text("maxBytesPerSecond")
                .map(text -> OptionalLong.of(positiveLong(fields, "maxBytesPerSecond", text)))
                .orElse(OptionalLong.empty());
        Optional<Boolean> syncSecurity = fields.text("syncSecurity")
                .map(text -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default ->
                        throw ConfigErrors.invalid(
                                fields.locationOf("syncSecurity"),
                                fields.pathOf("syncSecurity"),
                                "'" + text + "' is not true or false",
                                "write syncSecurity: true (ACLs and quotas follow) or false");
                });
        Map<String, String> principals = fields.node("principalMap")
                .map(node -> principals(node, fields.pathOf("principalMap")))
                .orElse(Map.of());
        Optional<Duration> lease = duration(fields, "lease");
        lease.ifPresent(l -> {
            if (l.compareTo(MIN_LEASE) < 0) {
                throw ConfigErrors.invalid(
                        fields.locationOf("lease"),
                        fields.pathOf("lease"),
                        "a lease of " + Durations.format(l) + " is shorter than 1s",
                        "write 1s or more (the default is 30s): a new instance waits this long after a crash");
            }
        });
        Optional<Duration> refresh = duration(fields, "metadataRefresh");
        return new LinkConfig(
                entry.key(),
                topics,
                exclude,
                from,
                maxBytes,
                syncSecurity,
                principals,
                lease,
                refresh,
                fields.textOrList("alsoInclude"),
                fields.text("schemaIds").map(text -> SchemaIds.parse(text)
                        .orElseThrow(() -> ConfigErrors.invalid(
                                fields.locationOf("schemaIds"),
                                fields.pathOf("schemaIds"),
                                "'" + text + "' is not check, rewrite or off",
                                "write schemaIds: check (copy only records whose schema id resolves on the target),"
                                        + " rewrite (also write the target's id where it differs) or off"))));
    }

    private static Optional<String> regex(Fields fields, String key) {
        return fields.text(key).map(text -> {
            try {
                Pattern.compile(text);
                return text;
            } catch (PatternSyntaxException e) {
                throw ConfigErrors.invalid(
                        fields.locationOf(key),
                        fields.pathOf(key),
                        "'" + text + "' is not a valid regular expression (" + e.getDescription() + " near index "
                                + e.getIndex() + ")",
                        "write a Java regex matched against whole topic names, e.g. 'orders\\..*', in quotes");
            }
        });
    }

    private static long positiveLong(Fields fields, String key, String text) {
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigErrors.invalid(
                fields.locationOf(key),
                fields.pathOf(key),
                "'" + text + "' is not a positive whole number of bytes",
                "write the number of bytes per second, e.g. 10485760 for 10 MiB/s");
    }

    private static Optional<Duration> duration(Fields fields, String key) {
        return fields.text(key).map(t -> Durations.parse(t)
                .orElseThrow(() -> ConfigErrors.invalid(
                        fields.locationOf(key),
                        fields.pathOf(key),
                        "'" + t + "' is not a positive duration",
                        "write a duration such as 500ms, 30s, 2m or 1h")));
    }

    private static Map<String, String> principals(YamlNode node, String path) {
        Fields fields = Fields.of(node, path);
        Map<String, String> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : fields.mapping().entries()) {
            String target = Fields.scalar(e.value(), path + "." + e.key());
            if (!LinkConfig.validPrincipal(e.key())) {
                throw ConfigErrors.invalid(
                        e.keyLocation(),
                        path + "." + e.key(),
                        "'" + e.key() + "' is not a principal",
                        "write principals as Type:name in quotes, e.g. \"User:alice\": \"User:alice@corp\"");
            }
            if (!LinkConfig.validPrincipal(target)) {
                throw ConfigErrors.invalid(
                        e.value().location(),
                        path + "." + e.key(),
                        "'" + target + "' is not a principal",
                        "write principals as Type:name in quotes, e.g. \"User:alice\": \"User:alice@corp\"");
            }
            out.put(e.key(), target);
        }
        return out;
    }
}
