package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.LinkConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

    @Test
    void aLinkConfigSetsEveryEngineSetting() {
        // Given every setting a links.<name> entry (with flags over it) can hold
        LinkConfig config = new LinkConfig(
                "orders",
                Optional.of("orders\\..*"),
                Optional.of(".*-tmp"),
                Optional.of("latest"),
                OptionalLong.of(1000),
                Optional.of(false),
                Map.of("User:a", "User:b"),
                Optional.of(Duration.ofSeconds(10)),
                Optional.of(Duration.ofSeconds(5)));

        // When
        LinkSettings s = LinkSettings.of(config);

        // Then
        assertThat(s.topics().link()).isEqualTo("orders");
        assertThat(s.include().pattern()).isEqualTo("orders\\..*");
        assertThat(s.exclude()).hasValueSatisfying(p -> assertThat(p.pattern()).isEqualTo(".*-tmp"));
        assertThat(s.from()).isEqualTo(new StartFrom.Latest());
        assertThat(s.maxBytesPerSecond()).isEqualTo(OptionalLong.of(1000));
        assertThat(s.syncSecurity()).isFalse();
        assertThat(s.principalMapping()).containsExactly(Map.entry("User:a", "User:b"));
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.metadataRefresh()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anEmptyLinkConfigIsTheDefaults() {
        LinkSettings s = LinkSettings.of(LinkConfig.named("default"));

        assertThat(s.include().pattern()).isEqualTo(".*");
        assertThat(s.exclude()).isEmpty();
        assertThat(s.from()).isEqualTo(new StartFrom.Earliest());
        assertThat(s.maxBytesPerSecond()).isEmpty();
        assertThat(s.syncSecurity()).isTrue();
        assertThat(s.lease()).isEqualTo(LinkSettings.DEFAULT_LEASE);
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.metadataRefresh()).isEqualTo(LinkSettings.DEFAULT_METADATA_REFRESH);
    }

    @Test
    void timestampsInBothFormsAreAccepted() {
        LinkConfig iso = new LinkConfig(
                "x",
                Optional.empty(),
                Optional.empty(),
                Optional.of("2026-01-31T00:00:00Z"),
                OptionalLong.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty());
        assertThat(LinkSettings.of(iso).from()).isEqualTo(new StartFrom.Timestamp(1_769_817_600_000L));
    }
}
