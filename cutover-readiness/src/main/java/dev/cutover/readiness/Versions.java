package dev.cutover.readiness;

/** The running cutover's version, from the jar manifest; {@code development} when run from classes. */
public final class Versions {
    private Versions() {}

    public static String cutover() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
