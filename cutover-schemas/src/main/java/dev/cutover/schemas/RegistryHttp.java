package dev.cutover.schemas;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Redactor;
import dev.cutover.config.SchemaRegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP side of {@link RegistryClient}: one {@link HttpClient} with the profile's TLS settings, its authentication
 * header, and errors turned into {@link CutoverException}s that name the profile and the registry (never a secret).
 */
final class RegistryHttp {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    record Response(int status, String body) {}

    private final String profile;
    private final String base;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Duration timeout;

    private RegistryHttp(
            String profile, String base, Optional<String> authorization, HttpClient http, Duration timeout) {
        this.profile = profile;
        this.base = base;
        this.authorization = authorization;
        this.http = http;
        this.timeout = timeout;
    }

    static RegistryHttp of(SchemaRegistrySettings settings, Duration timeout) {
        Map<String, String> resolved = settings.resolvedProperties();
        Optional<String> authorization = Optional.empty();
        if (resolved.containsKey(SchemaRegistrySettings.BASIC_AUTH)) {
            String userInfo = resolved.get(SchemaRegistrySettings.BASIC_AUTH);
            String header = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
            Redactor.remember(header);
            authorization = Optional.of(header);
        } else if (resolved.containsKey(SchemaRegistrySettings.BEARER_TOKEN)) {
            authorization = Optional.of("Bearer " + resolved.get(SchemaRegistrySettings.BEARER_TOKEN));
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (resolved.keySet().stream().anyMatch(k -> k.startsWith("ssl."))) {
            builder.sslContext(sslContext(settings.profile(), resolved));
        }
        return new RegistryHttp(settings.profile(), settings.url(), authorization, builder.build(), timeout);
    }

    String base() {
        return base;
    }

    String where() {
        return "the schema registry of profile '" + profile + "' (" + Redactor.redactText(base) + ")";
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response post(String path, String json) {
        return send(request(path)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Response put(String path, String json) {
        return send(request(path)
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder;
    }

    private Response send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    where() + " is unreachable: " + request.method() + " "
                            + request.uri().getPath() + " failed ("
                            + Redactor.redactText(String.valueOf(e.getMessage())) + ")",
                    "check schemaRegistry.url of profile '" + profile + "' in cutover.yaml and that the registry runs",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted while asking " + where(), null, e);
        }
        if (response.statusCode() == 401) {
            throw new CutoverException(
                    Reason.AUTHENTICATION_FAILED,
                    where() + " refused our credentials (HTTP 401)",
                    "check schemaRegistry.basic.auth.user.info or bearer.auth.token of profile '" + profile + "'");
        }
        if (response.statusCode() == 403) {
            throw new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    where() + " denied " + request.method() + " "
                            + request.uri().getPath() + " (HTTP 403)",
                    "grant this principal the registry permissions docs/schemas.md lists for the command");
        }
        return new Response(response.statusCode(), response.body());
    }

    private static SSLContext sslContext(String profile, Map<String, String> settings) {
        try {
            TrustManagerFactory trust = null;
            if (settings.containsKey("ssl.truststore.location")) {
                KeyStore store = load(
                        settings.get("ssl.truststore.location"),
                        settings.get("ssl.truststore.type"),
                        settings.get("ssl.truststore.password"));
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (settings.containsKey("ssl.keystore.location")) {
                KeyStore store = load(
                        settings.get("ssl.keystore.location"),
                        settings.get("ssl.keystore.type"),
                        settings.get("ssl.keystore.password"));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = settings.getOrDefault("ssl.key.password", settings.get("ssl.keystore.password"));
                keys.init(store, keyPassword == null ? new char[0] : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "profile '" + profile + "': cannot load the schema registry's TLS key or trust store ("
                            + e.getClass().getSimpleName() + ")",
                    "check schemaRegistry.ssl.*.location, .type and .password of profile '" + profile + "'",
                    e);
        }
    }

    private static KeyStore load(String location, String type, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null ? "PKCS12" : type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
