package dev.cutover.readiness.areas;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client software name and version as KIP-511 reports it ({@code apache-kafka-java/3.9.1}). Clients older than Kafka
 * 2.4 do not send one; brokers count them as {@code unknown/unknown}.
 */
record ClientSoftware(String name, String version) {
    static final String JAVA = "apache-kafka-java";
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+).*");

    static ClientSoftware parse(String software) {
        int slash = software.indexOf('/');
        return slash < 0
                ? new ClientSoftware(software, "unknown")
                : new ClientSoftware(software.substring(0, slash), software.substring(slash + 1));
    }

    boolean unknown() {
        return name.equals("unknown") || version.equals("unknown") || version.isBlank();
    }

    boolean java() {
        return name.equals(JAVA);
    }

    /** {@code major * 1000 + minor}, if the version starts with {@code major.minor}. */
    Optional<Integer> majorMinor() {
        Matcher m = MAJOR_MINOR.matcher(version);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(m.group(1)) * 1000 + Integer.parseInt(m.group(2)));
    }

    /** Whether it is a Java client older than 2.1: KIP-896 removed the request versions it speaks. */
    boolean javaOlderThan21() {
        return java() && majorMinor().map(v -> v < 2001).orElse(false);
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
