package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutoverYamlErrorsTest {
    @TempDir
    Path dir;

    private CutoverException load(String yaml) {
        WorkspaceFiles.write(dir, "cutover.yaml", yaml);
        CutoverException e = catchThrowableOfType(CutoverException.class, () -> Workspace.load(dir));
        assertThat(e).as("expected a config error").isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        return e;
    }

    private String at(int line, int column) {
        return dir.resolve("cutover.yaml") + ":" + line + ":" + column;
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        // Given a typo in a section name / When loading
        CutoverException e = load("version: 1\ncluster:\n  source: {}\n");

        // Then
        assertThat(e.getMessage())
                .startsWith(at(2, 1) + ": cluster: unknown key 'cluster'")
                .contains("did you mean 'clusters'?")
                .contains("allowed keys here are: version, clusters, links, readiness");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("did you mean 'clusters'?"));
    }

    @Test
    void unknownProfileKeyNamesThePath() {
        CutoverException e = load(
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: a:9092
                    timout: 5s
                """);
        assertThat(e.getMessage())
                .startsWith(at(6, 5) + ": clusters.source.timout: unknown key 'timout'")
                .contains("did you mean 'timeout'?")
                .contains("properties, propertiesFile, jmx, connect, schemaRegistry, timeout");
    }

    @Test
    void schemaRegistrySecretWrittenInlineIsRefusedWithoutShowingIt() {
        CutoverException e = load(
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: a:9092
                    schemaRegistry:
                      url: https://registry:8081
                      basic.auth.user.info: alice:s3cret-Pass
                """);
        assertThat(e.getMessage())
                .startsWith(at(8, 29) + ": clusters.source.schemaRegistry.basic.auth.user.info:")
                .contains("secret written inline")
                .doesNotContain("s3cret-Pass");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("${file:"));
    }

    @Test
    void schemaRegistryWithoutUrlOrWithAnUnknownKeyIsRefused() {
        CutoverException missing = load(
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: a:9092
                    schemaRegistry:
                      ssl.truststore.type: PKCS12
                """);
        assertThat(missing.getMessage())
                .contains("clusters.source.schemaRegistry")
                .contains("url");
        CutoverException unknown = load(
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: a:9092
                    schemaRegistry:
                      url: ftp://registry
                """);
        assertThat(unknown.getMessage()).contains("is not a schema registry URL");
    }

    @Test
    void badDurationSaysWhatIsAccepted() {
        CutoverException e = load(
                """
                version: 1
                clusters:
                  source:
                    properties: {bootstrap.servers: a:9092}
                    timeout: 30 seconds
                """);
        assertThat(e.getMessage())
                .startsWith(at(5, 14) + ": clusters.source.timeout: '30 seconds' is not a positive duration")
                .contains("500ms, 30s, 2m or 1h");
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        CutoverException e = load("version: 1\nclusters:\n  source:\n    properties: [a\n  target: x\n");
        assertThat(e.getMessage()).startsWith(dir.resolve("cutover.yaml") + ":").contains("malformed YAML");
        assertThat(e.getMessage()).matches("(?s).*cutover\\.yaml:[45]:\\d+: malformed YAML.*");
    }

    @Test
    void missingBootstrapServers() {
        CutoverException e = load("version: 1\nclusters:\n  source:\n    timeout: 5s\n");
        assertThat(e.getMessage())
                .startsWith(at(4, 5) + ": clusters.source.properties: profile 'source' has no bootstrap.servers");
    }

    @Test
    void nestedPropertyIsRejected() {
        CutoverException e = load(
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap:
                        servers: a:9092
                """);
        assertThat(e.getMessage())
                .startsWith(
                        at(6, 9) + ": clusters.source.properties.bootstrap: Kafka property 'bootstrap' has nested keys")
                .contains("flat with dots");
    }

    @Test
    void versionIsRequiredAndChecked() {
        assertThat(load("clusters:\n  s: {properties: {bootstrap.servers: a:1}}\n")
                        .getMessage())
                .startsWith(at(1, 1) + ": version: required key 'version' is missing");
        assertThat(load("version: 2\nclusters:\n  s: {properties: {bootstrap.servers: a:1}}\n")
                        .getMessage())
                .startsWith(at(1, 10) + ": version: unsupported version '2'");
    }

    @Test
    void duplicateKeysAreErrors() {
        CutoverException e = load("version: 1\nversion: 1\nclusters: {}\n");
        assertThat(e.getMessage()).startsWith(at(2, 1) + ": version: duplicate key 'version'");
    }

    @Test
    void badJmxUrlAndMissingPropertiesFile() {
        CutoverException jmx = load("version: 1\nclusters:\n  s:\n    properties: {bootstrap.servers: a:1}\n"
                + "    jmx: http://user:pw@x\n");
        assertThat(jmx.getMessage()).startsWith(at(5, 10) + ": clusters.s.jmx").doesNotContain("pw@");

        CutoverException file = load("version: 1\nclusters:\n  s:\n    propertiesFile: nope.properties\n");
        assertThat(file.getMessage())
                .startsWith(at(4, 21) + ": clusters.s.propertiesFile: ")
                .contains("nope.properties does not exist", "relative to the workspace directory");
    }

    @Test
    void emptyClustersAndWrongShapes() {
        assertThat(load("version: 1\nclusters: {}\n").getMessage()).contains("clusters: no connection profiles");
        assertThat(load("version: 1\nclusters:\n  s: just-text\n").getMessage())
                .startsWith(at(3, 6) + ": clusters.s: expected a mapping");
        assertThat(load("version: 1\nclusters:\n  s:\n    properties:\n      bootstrap.servers: [a, b]\n")
                        .getMessage())
                .startsWith(at(5, 26) + ": clusters.s.properties.bootstrap.servers: expected a single value");
    }

    @Test
    void secretsOnBrokenLinesStayOutOfMessages() {
        CutoverException malformed = load(
                """
                version: 1
                clusters:
                  source:
                    properties:
                      sasl.jaas.config: "ScramLoginModule required password=CANARY-SECRET-7f3a
                """);
        CutoverException shape = load(
                """
                version: 1
                clusters:
                  source:
                    properties:
                      ssl.key.password: [CANARY-SECRET-7f3a]
                """);
        assertThat(malformed.getMessage() + malformed.hint().orElse("")).doesNotContain("CANARY");
        assertThat(shape.getMessage() + shape.hint().orElse("")).doesNotContain("CANARY");
    }
}
