package dev.cutover.inventory.files;

import dev.cutover.config.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds bootstrap addresses hard-coded in source files: a string literal that is {@code host:port[,host:port]}
 * on a line that mentions bootstrap, brokers or kafka.
 */
final class SourceEndpointFinder {
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\\\n]*)\"|'([^'\\\\\\n]*)'|`([^`\\\\\\n]*)`");
    private static final String HOST_PORT = "(?:[A-Za-z][A-Za-z0-9+.-]*://)?[A-Za-z0-9_.-]+:\\d{2,5}";
    private static final Pattern ENDPOINT = Pattern.compile("\\s*" + HOST_PORT + "(?:\\s*,\\s*" + HOST_PORT + ")*\\s*");
    private static final Pattern MENTIONS_KAFKA = Pattern.compile("bootstrap|broker|kafka");

    private SourceEndpointFinder() {}

    static List<HardcodedEndpoint> find(String file, String text) {
        List<HardcodedEndpoint> found = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!MENTIONS_KAFKA.matcher(line.toLowerCase(Locale.ROOT)).find()) {
                continue;
            }
            Matcher m = LITERAL.matcher(line);
            while (m.find()) {
                String literal = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                if (ENDPOINT.matcher(literal).matches()) {
                    found.add(new HardcodedEndpoint(file, i + 1, Redactor.redactText(literal.strip())));
                }
            }
        }
        return found;
    }
}
