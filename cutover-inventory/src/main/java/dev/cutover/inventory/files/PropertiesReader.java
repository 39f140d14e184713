package dev.cutover.inventory.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code .properties} text as {@link java.util.Properties} would (comments, {@code =}/{@code :}/space
 * separators, backslash continuations and escapes) but keeps each entry's starting line.
 */
final class PropertiesReader {
    private PropertiesReader() {}

    static List<Setting> read(String text) {
        List<Setting> settings = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            int startLine = i + 1;
            String line = stripLeading(lines[i]);
            i++;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (endsWithContinuation(line) && i < lines.length) {
                logical.append(line, 0, line.length() - 1);
                line = stripLeading(lines[i]);
                i++;
            }
            logical.append(endsWithContinuation(line) ? line.substring(0, line.length() - 1) : line);
            int separator = separatorIndex(logical);
            String key = unescape(logical.substring(0, separator));
            String rest = logical.substring(separator).stripLeading();
            if (!rest.isEmpty() && (rest.charAt(0) == '=' || rest.charAt(0) == ':')) {
                rest = rest.substring(1).stripLeading();
            }
            settings.add(new Setting(KeyNames.segment(key), unescape(rest), startLine));
        }
        return settings;
    }

    private static String stripLeading(String s) {
        return s.replaceFirst("^[ \\t\\f]+", "");
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static int separatorIndex(CharSequence s) {
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
                return j;
            }
        }
        return s.length();
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c != '\\' || j + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++j);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (j + 4 < s.length() && s.substring(j + 1, j + 5).matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16));
                        j += 4;
                    } else {
                        out.append('u');
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
