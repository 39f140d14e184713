package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka clients' failures as the user's or the environment's, with exit 2 or 3; real clients, no broker. */
class ClientFailuresTest {
    private static final String SECRET = "s3cret-pw-7f2e";

    @TempDir
    Path dir;

    @Test
    void jaasWithoutItsSemicolonIsAConfigErrorNamingProfileAndKeyButNotTheSecret() {
        // Given
        ConnectionProfile profile = profile(Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                                + " password=\"" + SECRET + "\""));

        // When / Then
        assertThatThrownBy(() -> ClusterConnection.open(profile)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("profile 'target'", "sasl.jaas.config", "semi-colon");
            assertThat(e.getMessage() + e.hint().orElse("")).doesNotContain(SECRET);
        });
    }

    @Test
    void unknownLoginModuleIsAConfigError() {
        // Refused by ClientPolicy when the profile is made, before any class is loaded
        assertThatThrownBy(() -> profile(Map.of(
                        "security.protocol", "SASL_PLAINTEXT",
                        "sasl.mechanism", "PLAIN",
                        "sasl.jaas.config", "com.example.NoSuchModule required password=\"" + SECRET + "\";")))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("profile 'target'", "com.example.NoSuchModule");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void missingTruststoreIsAConfigErrorNamingTheProperty() {
        Path missing = dir.resolve("no-such-truststore.p12");
        ConnectionProfile profile = profile(Map.of(
                "security.protocol",
                "SSL",
                "ssl.truststore.location",
                missing.toString(),
                "ssl.truststore.password",
                SECRET));

        assertThatThrownBy(() -> ClusterConnection.open(profile)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage())
                    .contains("profile 'target'", "ssl.truststore.location", missing.toString())
                    .contains("does not exist")
                    .doesNotContain(SECRET);
        });
    }

    @Test
    void wrongTruststorePasswordIsAConfigErrorWithoutThePassword() throws Exception {
        // Given a real (empty) PKCS12 store with another password
        Path store = dir.resolve("truststore.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "the-right-one".toCharArray());
        }
        ConnectionProfile profile = profile(Map.of(
                "security.protocol",
                "SSL",
                "ssl.truststore.type",
                "PKCS12",
                "ssl.truststore.location",
                store.toString(),
                "ssl.truststore.password",
                SECRET));

        assertThatThrownBy(() -> ClusterConnection.open(profile)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage())
                    .contains("ssl.truststore.location", "password")
                    .doesNotContain(SECRET);
        });
    }

    @Test
    void aClosedPortIsUnreachableWithinTheProfilesTimeoutSaidAsAHumanWould() throws Exception {
        // Given a port nobody listens on, and a 2 s timeout
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectionProfile profile = new ConnectionProfile(
                "source", Map.of("bootstrap.servers", "127.0.0.1:" + port), List.of(), Duration.ofSeconds(2));

        // When
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ClusterConnection.check(profile));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Then
        assertThat(thrown).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).contains("profile 'source'", "127.0.0.1:" + port, "within 2s");
            assertThat(e.getMessage()).doesNotContain("PT2S");
        });
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(ClientFailures.retriable(thrown.getCause())).isTrue();
    }

    @Test
    void invalidClientPropertyIsAConfigError() {
        ConnectionProfile profile = profile(Map.of("security.protocol", "NOPE"));

        assertThatThrownBy(() -> ClusterConnection.open(profile)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("profile 'target'", "security.protocol");
        });
    }

    @Test
    void classifiesWhatTheClusterSaysThroughWrappers() {
        assertThat(ClientFailures.kindOf(new ExecutionException(new TimeoutException("no node"))))
                .contains(ClientFailures.Kind.TIMEOUT);
        assertThat(ClientFailures.kindOf(new KafkaException("x", new SaslAuthenticationException("bad creds"))))
                .contains(ClientFailures.Kind.AUTHENTICATION);
        assertThat(ClientFailures.kindOf(new SslAuthenticationException("handshake")))
                .contains(ClientFailures.Kind.AUTHENTICATION);
        assertThat(ClientFailures.kindOf(new TopicAuthorizationException(Set.of("orders"))))
                .contains(ClientFailures.Kind.AUTHORIZATION);
        assertThat(ClientFailures.kindOf(new java.util.concurrent.TimeoutException()))
                .contains(ClientFailures.Kind.TIMEOUT);
        assertThat(ClientFailures.kindOf(new IllegalStateException("a bug"))).isEmpty();
        assertThat(ClientFailures.kindOf(new NullPointerException())).isEmpty();

        Optional<CutoverException> denied =
                ClientFailures.classify(new TopicAuthorizationException(Set.of("orders")), "source");
        assertThat(denied).get().satisfies(e -> {
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).contains("profile 'source'", "[orders]");
        });
        assertThat(ClientFailures.retriable(new SaslAuthenticationException("x")))
                .isFalse();
        assertThat(ClientFailures.classify(
                        new RuntimeException("x", new CutoverException(Reason.USAGE, "m", null)), "s"))
                .get()
                .extracting(CutoverException::reason)
                .isEqualTo(Reason.USAGE);
    }

    @Test
    void anInvalidLinkNameIsAUsageError() {
        CutoverConfig config = new CutoverConfig(1, Map.of());
        for (String name : List.of("../x", "", "a/b", "x y", "ö")) {
            assertThatThrownBy(() -> config.resolveLink(Optional.of(name)))
                    .as(name)
                    .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.exitCode())
                            .isEqualTo(2));
        }
        assertThat(config.resolveLink(Optional.of("orders-eu")).name()).isEqualTo("orders-eu");
    }

    @Test
    void anUnclassifiedFailureShowsItsCauseChain() {
        ConnectionProfile profile = profile(Map.of());
        Throwable failure = new IllegalStateException(
                "Failed to create new NetworkClient", new IllegalStateException("the real cause, password=pw-S12"));

        CutoverException e = ClusterConnection.failure(profile, failure, "list topics");

        assertThat(e.getMessage())
                .contains("Failed to create new NetworkClient", "the real cause")
                .doesNotContain("pw-S12");
    }

    @Test
    void aProviderResolvedValueKafkaRejectsIsNeverShownHoweverShort() {
        // Given bootstrap.servers read from a file, with values Kafka rejects: a short one and a long one
        for (String value : List.of("ab", "not a url canary-7c2e")) {
            Path file = WorkspaceFiles.write(dir, "s-" + value.length() + ".properties", "bs=" + value + "\n");
            String reference = "${file:" + file + ":bs}";
            ConnectionProfile profile = new ConnectionProfile(
                    "source", Map.of("bootstrap.servers", reference), List.of(), Duration.ofSeconds(2));

            // When / Then
            assertThatThrownBy(() -> ClusterConnection.open(profile))
                    .isInstanceOfSatisfying(CutoverException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(2);
                        assertThat(e.getMessage() + e.hint().orElse(""))
                                .contains("bootstrap.servers", reference)
                                .doesNotContain("canary-7c2e", "not a url")
                                .doesNotContainPattern("\\bab\\b");
                    });
        }
    }

    private static ConnectionProfile profile(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("bootstrap.servers", "127.0.0.1:9");
        return new ConnectionProfile("target", all, List.of(), Duration.ofSeconds(2));
    }
}
