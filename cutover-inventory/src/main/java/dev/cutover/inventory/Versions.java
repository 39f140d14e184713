package dev.cutover.inventory;

/** The running cutover's version, from the jar manifest; {@code development} when run from classes. */
final class Versions {
    private Versions() {}

    static String cutover() {
        String version = Inventory.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
