package dev.cutover.connect;

/** The version a connector or task reports to Kafka Connect: the jar's Implementation-Version. */
final class Versions {
    private Versions() {}

    static String of(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
