package dev.cutover.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClientPolicy;
import dev.cutover.config.SchemaRegistrySettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's credentials and errors, against a tiny in-test HTTP server that checks the Authorization header (the
 * registries in the other tests run without authentication): the secret comes from a reference, is sent as Basic auth,
 * and appears in no message.
 */
class RegistryAuthTest {
    private static final String PASSWORD = "s3cret-registry-Pass";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected =
                "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            byte[] body;
            int status;
            if (expected.equals(auth)) {
                status = 200;
                body = "[\"orders-value\"]".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 401;
                body = ("{\"error_code\":401,\"message\":\"bad credentials for " + auth + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RegistryClient client(String userInfo) throws Exception {
        Path secrets = dir.resolve("registry.properties");
        Files.writeString(secrets, "userinfo=" + userInfo + "\n");
        SchemaRegistrySettings settings = new SchemaRegistrySettings(
                "source",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                Map.of(SchemaRegistrySettings.BASIC_AUTH, "${file:" + secrets + ":userinfo}"),
                ClientPolicy.DEFAULT);
        return RegistryClient.of(settings, Duration.ofSeconds(5));
    }

    @Test
    void sendsTheReferencedCredentialsAsBasicAuth() throws Exception {
        assertThat(client("alice:" + PASSWORD).subjects(false)).containsExactly("orders-value");
        assertThat(authorizations).hasSize(1).allSatisfy(a -> assertThat(a).startsWith("Basic "));
    }

    @Test
    void refusedCredentialsAreAnAuthenticationFailureThatShowsNoSecret() throws Exception {
        CutoverException e = catchThrowableOfType(
                CutoverException.class, () -> client("alice:wrong-" + PASSWORD).subjects(false));

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e.getMessage())
                .contains("profile 'source'")
                .contains("HTTP 401")
                .doesNotContain(PASSWORD);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("basic.auth.user.info"));
    }

    @Test
    void anUnreachableRegistryIsExitThreeNamingTheProfile() {
        int port = server.getAddress().getPort();
        server.stop(0);
        SchemaRegistrySettings settings = SchemaRegistrySettings.of("target", "http://127.0.0.1:" + port);

        CutoverException e =
                catchThrowableOfType(CutoverException.class, () -> RegistryClient.of(settings, Duration.ofSeconds(2))
                        .schemaById(1));

        assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
        assertThat(e.getMessage())
                .contains("schema registry of profile 'target'")
                .contains("unreachable");
    }
}
