package dev.cutover.api;

/**
 * The running cutover's version: the one source for {@code cutover --version} and every {@code cutoverVersion} field
 * in reports, evidence and JSON outputs (see docs/json-outputs.md). It is the {@code Implementation-Version} of the
 * cutover-api jar's manifest, which the build writes into every module's jar from the reactor's version; run from
 * class directories (an IDE, a test), there is no manifest and it is {@value #DEVELOPMENT}.
 */
public final class CutoverVersion {
    /** The version reported when cutover runs from classes rather than from its jars. */
    public static final String DEVELOPMENT = "development";

    private CutoverVersion() {}

    public static String current() {
        String version = CutoverVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? DEVELOPMENT : version;
    }
}
