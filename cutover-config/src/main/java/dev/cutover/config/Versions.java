package dev.cutover.config;

import dev.cutover.config.yaml.ConfigErrors;
import dev.cutover.config.yaml.Fields;

/** The {@code version:} every workspace file starts with. */
final class Versions {
    private Versions() {}

    static int require(Fields root, int supported) {
        String text = root.requireText("version", "add 'version: " + supported + "' as the first line");
        if (!text.equals(Integer.toString(supported))) {
            throw ConfigErrors.invalid(
                    root.locationOf("version"),
                    "version",
                    "unsupported version '" + text + "'",
                    "this cutover reads version " + supported + "; write 'version: " + supported
                            + "' or upgrade cutover");
        }
        return supported;
    }
}
