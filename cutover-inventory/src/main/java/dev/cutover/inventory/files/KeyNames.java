package dev.cutover.inventory.files;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Canonical key paths, so every spelling of a setting compares equal: {@code bootstrapServers},
 * {@code bootstrap-servers}, {@code BOOTSTRAP_SERVERS} and {@code bootstrap.servers} all become
 * {@code bootstrap.servers} (Spring's relaxed binding, Confluent's Docker env names). Bracketed map keys
 * ({@code [sasl.jaas.config]}) lose their brackets; list indexes ({@code [0]}) keep them.
 */
final class KeyNames {
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern BRACKETED = Pattern.compile("^\\[(.*[^0-9].*)]$");

    private KeyNames() {}

    static String segment(String raw) {
        String s = raw.trim();
        var m = BRACKETED.matcher(s);
        if (m.matches()) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        s = CAMEL.matcher(s).replaceAll(".");
        return s.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
    }

    static String join(String parent, String child) {
        if (parent.isEmpty()) {
            return child;
        }
        return child.startsWith("[") && !BRACKETED.matcher(child).matches() ? parent + child : parent + "." + child;
    }

    /** The last dotted segment, for "does this key name a topic" checks. */
    static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
