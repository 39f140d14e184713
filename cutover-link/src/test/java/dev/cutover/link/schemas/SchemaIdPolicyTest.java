package dev.cutover.link.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.SchemaIds;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.schemas.IdMap;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaIdPolicyTest {
    @TempDir
    Path workspace;

    private static ConnectionProfile profile(String name, boolean registry) {
        ConnectionProfile p = new ConnectionProfile(
                name, Map.of("bootstrap.servers", name + ":9092"), List.of(), Duration.ofSeconds(5));
        return registry ? p.withSchemaRegistry(SchemaRegistrySettings.of(name, "http://" + name + "-sr:8081")) : p;
    }

    @Test
    void checksByDefaultOnlyWhenBothProfilesNameARegistry() {
        LinkConfig link = LinkConfig.named("default");

        assertThat(SchemaIdPolicy.of(link, profile("source", true), profile("target", true), workspace))
                .hasValueSatisfying(p -> assertThat(p.mode()).isEqualTo(SchemaIds.CHECK));
        assertThat(SchemaIdPolicy.of(link, profile("source", true), profile("target", false), workspace))
                .isEmpty();
        LinkConfig rewrite = withSchemaIds(SchemaIds.REWRITE);
        assertThatThrownBy(
                        () -> SchemaIdPolicy.of(rewrite, profile("source", true), profile("target", false), workspace))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("profile 'target' names no schema registry");
        assertThat(SchemaIdPolicy.of(
                        withSchemaIds(SchemaIds.OFF), profile("source", true), profile("target", true), workspace))
                .isEmpty();
    }

    @Test
    void theReverseCopyMapsTargetIdsBackAndPrefersAReverseSyncsEntries() {
        SchemaIdPolicy forward = SchemaIdPolicy.of(
                        withSchemaIds(SchemaIds.REWRITE), profile("source", true), profile("target", true), workspace)
                .orElseThrow();
        SchemaIdPolicy reverse = forward.reversed();
        assertThat(reverse.loadMap()).isEmpty();

        new IdMap("source", "target", "a", "b", Instant.EPOCH, Map.of(1, 11, 2, 12)).save(workspace);
        assertThat(forward.loadMap()).contains(Map.of(1, 11, 2, 12));
        assertThat(reverse.sourceProfile()).isEqualTo("target");
        assertThat(reverse.sourceRegistry().url()).isEqualTo("http://target-sr:8081");
        assertThat(reverse.loadMap()).contains(Map.of(11, 1, 12, 2));

        // a schema first registered on the target, synced back
        new IdMap("target", "source", "b", "a", Instant.EPOCH, Map.of(13, 3)).save(workspace);
        assertThat(reverse.loadMap()).contains(Map.of(11, 1, 12, 2, 13, 3));
        assertThat(reverse.reversed()).isEqualTo(forward);
    }

    private static LinkConfig withSchemaIds(SchemaIds mode) {
        LinkConfig n = LinkConfig.named("default");
        return new LinkConfig(
                n.name(),
                n.topics(),
                n.exclude(),
                n.from(),
                n.maxBytesPerSecond(),
                n.syncSecurity(),
                n.principalMap(),
                n.lease(),
                n.metadataRefresh(),
                n.alsoInclude(),
                Optional.of(mode));
    }
}
