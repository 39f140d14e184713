package dev.cutover.config.yaml;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Builds the one shape every workspace-file error has: {@code file:line:column: path: problem. Fix: ...}. */
public final class ConfigErrors {
    private ConfigErrors() {}

    public static InvalidConfigException invalid(Location at, String path, String problem, String fix) {
        return new InvalidConfigException(at, path, problem, fix);
    }

    /** An unknown key: names the allowed keys and, when one is close, suggests it. */
    public static InvalidConfigException unknownKey(Location at, String path, String key, Collection<String> allowed) {
        String fullPath = path.isEmpty() ? key : path + "." + key;
        String suggestion =
                closest(key, allowed).map(s -> "did you mean '" + s + "'? ").orElse("");
        return invalid(
                at,
                fullPath,
                "unknown key '" + key + "'",
                suggestion + "allowed keys here are: " + String.join(", ", allowed));
    }

    /** The allowed word closest to {@code word}, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String word, Collection<String> allowed) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        return allowed.stream()
                .filter(a -> distance(lower, a.toLowerCase(java.util.Locale.ROOT)) <= Math.max(2, a.length() / 3))
                .min(Comparator.comparingInt(a -> distance(lower, a.toLowerCase(java.util.Locale.ROOT))));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
