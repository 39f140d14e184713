package dev.cutover.readiness;

import dev.cutover.api.CutoverVersion;

/** The running cutover's version, as {@link CutoverVersion#current()} reports it. */
public final class Versions {
    private Versions() {}

    public static String cutover() {
        return CutoverVersion.current();
    }
}
