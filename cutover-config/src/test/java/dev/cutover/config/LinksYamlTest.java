package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code links:} section of {@code cutover.yaml}: typed settings, errors at file:line:column, name resolution. */
class LinksYamlTest {
    private static final String CLUSTERS =
            """
            version: 1
            clusters:
              source:
                properties: {bootstrap.servers: a:9092}
              target:
                properties: {bootstrap.servers: b:9092}
            """;

    @TempDir
    Path dir;

    private CutoverConfig config(String links) {
        WorkspaceFiles.write(dir, "cutover.yaml", CLUSTERS + links);
        return Workspace.load(dir).config();
    }

    private CutoverException error(String links) {
        WorkspaceFiles.write(dir, "cutover.yaml", CLUSTERS + links);
        CutoverException e = catchThrowableOfType(CutoverException.class, () -> Workspace.load(dir));
        assertThat(e).as("expected a config error").isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        return e;
    }

    /** Line numbers below count from the first line of the links text (CLUSTERS has 6 lines). */
    private String at(int linksLine, int column) {
        return dir.resolve("cutover.yaml") + ":" + (linksLine + 6) + ":" + column;
    }

    @Test
    void everySettingIsReadIntoTypedValues() {
        // Given every key of a link / When loading
        CutoverConfig config = config(
                """
                links:
                  orders:
                    topics: "orders\\\\..*"
                    exclude: ".*-tmp"
                    from: 2026-01-31T00:00:00Z
                    maxBytesPerSecond: 10_485_760
                    syncSecurity: false
                    principalMap:
                      "User:alice": "User:alice@corp"
                      User:bob: User:robert
                    lease: 45s
                    metadataRefresh: 2m
                  plain:
                """);

        // Then
        assertThat(config.links()).containsOnlyKeys("orders", "plain");
        LinkConfig orders = config.links().get("orders");
        assertThat(orders.topics()).contains("orders\\..*");
        assertThat(orders.exclude()).contains(".*-tmp");
        assertThat(orders.from()).contains("2026-01-31T00:00:00Z");
        assertThat(orders.maxBytesPerSecond()).isEqualTo(OptionalLong.of(10_485_760));
        assertThat(orders.syncSecurity()).contains(false);
        assertThat(orders.principalMap())
                .containsExactly(Map.entry("User:alice", "User:alice@corp"), Map.entry("User:bob", "User:robert"));
        assertThat(orders.lease()).contains(Duration.ofSeconds(45));
        assertThat(orders.metadataRefresh()).contains(Duration.ofMinutes(2));
        assertThat(config.links().get("plain")).isEqualTo(LinkConfig.named("plain"));
    }

    @Test
    void aFileWithoutLinksHasNone() {
        assertThat(config("").links()).isEmpty();
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        CutoverException e = error(
                """
                links:
                  default:
                    topic: "orders.*"
                """);
        assertThat(e.getMessage())
                .startsWith(at(3, 5) + ": links.default.topic: unknown key 'topic'")
                .contains("did you mean 'topics'?")
                .contains("maxBytesPerSecond");
    }

    @Test
    void badValuesNameTheirPlaceAndTheFix() {
        assertThat(error("links:\n  default:\n    topics: \"orders[\"\n").getMessage())
                .startsWith(at(3, 13) + ": links.default.topics: 'orders[' is not a valid regular expression")
                .contains("Fix: write a Java regex");
        assertThat(error("links:\n  default:\n    from: yesterday\n").getMessage())
                .startsWith(at(3, 11) + ": links.default.from: 'yesterday' is not a start position")
                .contains("earliest, latest");
        assertThat(error("links:\n  default:\n    maxBytesPerSecond: 10MB\n").getMessage())
                .startsWith(at(3, 24) + ": links.default.maxBytesPerSecond: '10MB' is not a positive whole number")
                .contains("10485760");
        assertThat(error("links:\n  default:\n    syncSecurity: maybe\n").getMessage())
                .startsWith(at(3, 19) + ": links.default.syncSecurity: 'maybe' is not true or false");
        assertThat(error("links:\n  default:\n    lease: 500ms\n").getMessage())
                .startsWith(at(3, 12) + ": links.default.lease: a lease of 500ms is shorter than 1s");
        assertThat(error("links:\n  default:\n    metadataRefresh: often\n").getMessage())
                .startsWith(at(3, 22) + ": links.default.metadataRefresh: 'often' is not a positive duration");
        assertThat(error("links:\n  default:\n    principalMap:\n      alice: \"User:alice\"\n")
                        .getMessage())
                .startsWith(at(4, 7) + ": links.default.principalMap.alice: 'alice' is not a principal")
                .contains("Type:name");
        assertThat(error("links:\n  bad name:\n    from: latest\n").getMessage())
                .startsWith(at(2, 3) + ": links.bad name: link name 'bad name' is not 1 to 100 letters");
        assertThat(error("links: [a, b]\n").getMessage()).startsWith(at(1, 8) + ": links: expected a mapping");
    }

    @Test
    void flagsOverrideTheFileAndPrincipalMapsMerge() {
        LinkConfig file = config(
                        """
                        links:
                          orders:
                            topics: "orders.*"
                            from: latest
                            maxBytesPerSecond: 1000
                            principalMap: {"User:a": "User:a2", "User:b": "User:b2"}
                            lease: 45s
                        """)
                .links()
                .get("orders");
        LinkConfig flags = new LinkConfig(
                "orders",
                Optional.of("payments.*"),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.of(5000),
                Optional.of(false),
                Map.of("User:b", "User:b3"),
                Optional.empty(),
                Optional.of(Duration.ofSeconds(5)));

        LinkConfig merged = file.overriddenBy(flags);

        assertThat(merged.topics()).contains("payments.*");
        assertThat(merged.from()).contains("latest");
        assertThat(merged.maxBytesPerSecond()).isEqualTo(OptionalLong.of(5000));
        assertThat(merged.syncSecurity()).contains(false);
        assertThat(merged.principalMap())
                .containsExactly(Map.entry("User:a", "User:a2"), Map.entry("User:b", "User:b3"));
        assertThat(merged.lease()).contains(Duration.ofSeconds(45));
        assertThat(merged.metadataRefresh()).contains(Duration.ofSeconds(5));
    }

    @Test
    void theLinkACommandMeans() {
        // No links in the file: --name or 'default'
        CutoverConfig none = config("");
        assertThat(none.resolveLink(Optional.empty()).name()).isEqualTo("default");
        assertThat(none.resolveLink(Optional.of("adhoc")).name()).isEqualTo("adhoc");

        // One link: it, without --name
        CutoverConfig one = config("links:\n  orders:\n    from: latest\n");
        assertThat(one.resolveLink(Optional.empty()).from()).contains("latest");

        // Several: 'default' if there is one, else --name is required; an unknown --name is refused
        CutoverConfig several = config("links:\n  orders: {from: latest}\n  payments: {}\n");
        CutoverException ambiguous =
                catchThrowableOfType(CutoverException.class, () -> several.resolveLink(Optional.empty()));
        assertThat(ambiguous.reason()).isEqualTo(Reason.USAGE);
        assertThat(ambiguous.getMessage()).contains("several links (orders, payments)");
        assertThat(ambiguous.hint()).hasValueSatisfying(h -> assertThat(h).contains("--name"));
        CutoverException typo =
                catchThrowableOfType(CutoverException.class, () -> several.resolveLink(Optional.of("order")));
        assertThat(typo.getMessage()).contains("no link 'order'");
        assertThat(typo.hint()).hasValueSatisfying(h -> assertThat(h).contains("did you mean 'orders'?"));
        CutoverConfig withDefault = config("links:\n  default: {from: latest}\n  payments: {}\n");
        assertThat(withDefault.resolveLink(Optional.empty()).name()).isEqualTo("default");
    }

    @Test
    void theSandboxWriterKeepsTheLinksSection() throws Exception {
        // Given a sandbox-written file to which the user added links
        ProfileSpec spec = ProfileSpec.of(Map.of("bootstrap.servers", "a:1"), Map.of());
        Path file = CutoverYamlWriter.write(dir, Map.of("source", spec));
        Files.writeString(
                file, Files.readString(file) + "links:\n  # the orders link\n  orders:\n    topics: \"orders.*\"\n");

        // When the sandbox writes it again (new ports)
        CutoverYamlWriter.write(dir, Map.of("source", ProfileSpec.of(Map.of("bootstrap.servers", "a:2"), Map.of())));

        // Then the profile is new and the links are as the user wrote them
        Workspace ws = Workspace.load(dir);
        assertThat(ws.profile("source").bootstrapServers()).isEqualTo("a:2");
        assertThat(ws.config().links().get("orders").topics()).contains("orders.*");
        assertThat(Files.readString(file)).contains("  # the orders link\n");
    }
}
