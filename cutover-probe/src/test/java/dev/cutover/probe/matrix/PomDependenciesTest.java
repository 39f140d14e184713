package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PomDependenciesTest {

    @Test
    void keepsCompileAndRuntimeDependenciesAndSkipsTheRest() {
        // Given a POM shaped like kafka-clients 3.9.1's, with a property and every scope
        String pom =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.apache.kafka</groupId>
                  <artifactId>kafka-clients</artifactId>
                  <version>3.9.1</version>
                  <properties><zstd.version>1.5.6-4</zstd.version></properties>
                  <dependencies>
                    <dependency><groupId>com.github.luben</groupId><artifactId>zstd-jni</artifactId>
                      <version>${zstd.version}</version><scope>runtime</scope></dependency>
                    <dependency><groupId>org.lz4</groupId><artifactId>lz4-java</artifactId>
                      <version>1.8.0</version></dependency>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId>
                      <version>1.7.36</version><scope>compile</scope></dependency>
                    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>
                      <version>2.16.2</version><scope>provided</scope></dependency>
                    <dependency><groupId>org.junit</groupId><artifactId>junit</artifactId>
                      <version>5</version><scope>test</scope></dependency>
                    <dependency><groupId>io.opentelemetry.proto</groupId><artifactId>opentelemetry-proto</artifactId>
                      <version>1.0.0-alpha</version><optional>true</optional></dependency>
                  </dependencies>
                </project>
                """;

        // When
        var deps = PomDependencies.parse(pom.getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(deps)
                .containsExactly(
                        new Artifact("com.github.luben", "zstd-jni", "1.5.6-4"),
                        new Artifact("org.lz4", "lz4-java", "1.8.0"),
                        new Artifact("org.slf4j", "slf4j-api", "1.7.36"));
    }

    @Test
    void aPomWithoutDependenciesHasNone() {
        assertThat(PomDependencies.parse("<project><version>1</version></project>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void refusesDoctypesAndUnresolvedProperties() {
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<project>&x;</project>";
        assertThatThrownBy(() -> PomDependencies.parse(doctype.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a POM");
        String unresolved = "<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>${nope}</version></dependency></dependencies></project>";
        assertThatThrownBy(() -> PomDependencies.parse(unresolved.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("unresolved property ${nope} in the POM");
    }
}
