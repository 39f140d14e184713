package dev.cutover.link.deploy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The REST URL of a Kafka Connect cluster: any of its workers, which forward what they do not handle to the leader.
 * http or https, a host, an optional port and an optional path prefix (a proxy's). User info in it ({@code
 * https://user:password@host:8443}) is sent as HTTP basic authentication and never shown: {@link #shown()} and {@link
 * #toString()} leave it out.
 */
public final class ConnectUrl {
    private final String base;
    private final Optional<String> authorization;

    private ConnectUrl(String base, Optional<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * Parses a URL as {@code --connect} gives it.
     *
     * @throws CutoverException ({@link Reason#USAGE}) for anything but an http(s) URL with a host and no query or
     *     fragment; the message shows the text redacted
     */
    public static ConnectUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("no REST URL of Kafka Connect workers given");
        }
        String shown = Redactor.redactText(text.strip());
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid("'" + shown + "' is not a URL (" + Redactor.redactText(e.getReason()) + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("'" + shown + "' is not an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("'" + shown + "' names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("'" + shown + "' has a query or a fragment; give the workers' base URL only");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String base = scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        Optional<String> authorization = Optional.ofNullable(uri.getRawUserInfo())
                .map(info -> "Basic "
                        + Base64.getEncoder()
                                .encodeToString(URLDecoder.decode(info, StandardCharsets.UTF_8)
                                        .getBytes(StandardCharsets.UTF_8)));
        return new ConnectUrl(base, authorization);
    }

    private static CutoverException invalid(String message) {
        return new CutoverException(
                Reason.USAGE,
                message,
                "give the REST URL of any worker of the Connect cluster, e.g. http://connect-1:8083 or"
                        + " https://connect.example.com:8443");
    }

    /** The URL of a path of the REST API ({@code /connectors}), already encoded. */
    URI resolve(String path) {
        return URI.create(base + path);
    }

    /** The {@code Authorization} header to send, from the URL's user info. */
    Optional<String> authorization() {
        return authorization;
    }

    /** The URL as messages and reports show it: without user info. */
    public String shown() {
        return base;
    }

    @Override
    public String toString() {
        return base;
    }
}
