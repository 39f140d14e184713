package dev.cutover.inventory;

import dev.cutover.api.CutoverVersion;

/** The running cutover's version, as {@link CutoverVersion#current()} reports it. */
final class Versions {
    private Versions() {}

    static String cutover() {
        return CutoverVersion.current();
    }
}
