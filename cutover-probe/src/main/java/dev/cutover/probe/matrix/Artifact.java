package dev.cutover.probe.matrix;

import java.util.Objects;

/** A Maven jar: group, artifact and version, laid out in a repository as Maven lays it out. */
public record Artifact(String groupId, String artifactId, String version) {
    public Artifact {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        for (String part : new String[] {groupId, artifactId, version}) {
            if (part.isBlank() || part.contains("..") || part.contains("/") || part.contains("\\")) {
                throw new IllegalArgumentException("not a Maven coordinate part: '" + part + "'");
            }
        }
    }

    public static Artifact kafkaClients(String version) {
        return new Artifact("org.apache.kafka", "kafka-clients", version);
    }

    /** The path below a repository's root without extension: {@code org/apache/kafka/kafka-clients/2.8.2/kafka-clients-2.8.2}. */
    public String path() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version;
    }

    public String jarName() {
        return artifactId + "-" + version + ".jar";
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
