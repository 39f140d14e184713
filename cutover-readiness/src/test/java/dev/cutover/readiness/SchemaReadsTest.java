package dev.cutover.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.LinkConfig;
import dev.cutover.config.SchemaIds;
import dev.cutover.readiness.areas.SchemaContract.LinkMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SchemaReadsTest {
    private static LinkConfig link(String name, String topics, String exclude, SchemaIds ids) {
        return new LinkConfig(
                name,
                Optional.ofNullable(topics),
                Optional.ofNullable(exclude),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.ofNullable(ids));
    }

    @Test
    void theFirstMatchingLinkInFileOrderCopiesATopic() {
        // Given a rewriting link for orders.* that excludes orders.tmp, then a catch-all link without a setting
        Map<String, LinkConfig> links = new LinkedHashMap<>();
        links.put("orders", link("orders", "orders\\..*", "orders\\.tmp", SchemaIds.REWRITE));
        links.put("rest", link("rest", null, null, null));

        // When topics are placed
        Map<String, LinkMode> modes = dev.cutover.readiness.areas.SchemaContract.links(
                links, List.of("orders.eu", "orders.tmp", "payments"), true);

        // Then orders.eu is rewritten, the others fall to the catch-all with the default (check: both registries)
        assertThat(modes.get("orders.eu")).isEqualTo(new LinkMode("orders", SchemaIds.REWRITE));
        assertThat(modes.get("orders.tmp")).isEqualTo(new LinkMode("rest", SchemaIds.CHECK));
        assertThat(modes.get("payments")).isEqualTo(new LinkMode("rest", SchemaIds.CHECK));
        // And without links the default link copies everything
        assertThat(dev.cutover.readiness.areas.SchemaContract.links(Map.of(), List.of("x"), false)
                        .get("x"))
                .isEqualTo(new LinkMode("default", SchemaIds.OFF));
        // And a topic no link copies has no link
        assertThat(dev.cutover.readiness.areas.SchemaContract.links(
                        Map.of("o", link("o", "orders", null, null)), List.of("x"), true))
                .doesNotContainKey("x");
    }
}
