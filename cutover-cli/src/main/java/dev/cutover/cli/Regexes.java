package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A regex flag's value compiled, or a usage error that names the flag, the problem and an example. */
final class Regexes {
    private Regexes() {}

    static Pattern compile(String flag, String regex, String example) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CutoverException(
                    Reason.USAGE,
                    flag + " '" + regex + "' is not a regular expression: " + e.getDescription(),
                    "e.g. " + example);
        }
    }
}
