package dev.cutover.inventory.files;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code .env} files: {@code [export] NAME=value}, optional quotes, {@code #} comments. */
final class EnvReader {
    private EnvReader() {}

    static List<Setting> read(String text) {
        List<Setting> settings = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                continue;
            }
            settings.add(new Setting(
                    KeyNames.segment(name), value(line.substring(eq + 1).strip()), i + 1));
        }
        return settings;
    }

    private static String value(String raw) {
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'') && raw.indexOf(raw.charAt(0), 1) > 0) {
            return raw.substring(1, raw.indexOf(raw.charAt(0), 1));
        }
        int comment = raw.indexOf(" #");
        return comment >= 0 ? raw.substring(0, comment).strip() : raw;
    }
}
