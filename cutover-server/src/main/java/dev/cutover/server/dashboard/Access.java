package dev.cutover.server.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may read the dashboard. Without a token (bound to loopback only) everyone on this machine may; with one, a request
 * must carry it: {@code Authorization: Bearer <token>}, the {@value #COOKIE} cookie, or {@code ?token=} in the URL,
 * which the server answers by setting the cookie (HttpOnly) and sending the browser to the same address without it, so
 * the token stays out of the address bar, the history and the page's own requests. Tokens are compared in constant
 * time and never logged.
 */
public final class Access {
    /** The cookie that carries the token after a {@code ?token=} visit. */
    public static final String COOKIE = "cutover_token";

    private Access() {}

    /** What to do with a request. */
    public enum Decision {
        /** Serve it. */
        ALLOW,
        /** It carries the right token in its query: set the cookie and redirect to the address without it. */
        SET_COOKIE_AND_REDIRECT,
        /** Refuse it (401). */
        DENY
    }

    /**
     * @param token the server's token, empty when none is needed
     * @param authorization the request's {@code Authorization} header, or null
     * @param cookie the value of the request's {@value #COOKIE} cookie, or null
     * @param query the request's raw query string, or null
     */
    public static Decision decide(Optional<String> token, String authorization, String cookie, String query) {
        if (token.isEmpty()) {
            return Decision.ALLOW;
        }
        String expected = token.get();
        if (authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && same(expected, authorization.substring(7).trim())) {
            return Decision.ALLOW;
        }
        if (cookie != null && same(expected, cookie)) {
            return Decision.ALLOW;
        }
        Optional<String> fromQuery = queryToken(query);
        if (fromQuery.isPresent() && same(expected, fromQuery.get())) {
            return Decision.SET_COOKIE_AND_REDIRECT;
        }
        return Decision.DENY;
    }

    /** The value of {@code token} in a raw query string. */
    static Optional<String> queryToken(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return Optional.of(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The query without its {@code token} parameter (null when nothing is left). */
    static String withoutToken(String query) {
        if (query == null) {
            return null;
        }
        StringBuilder rest = new StringBuilder();
        for (String pair : query.split("&")) {
            if (!pair.startsWith("token=") && !pair.isEmpty()) {
                rest.append(rest.isEmpty() ? "" : "&").append(pair);
            }
        }
        return rest.isEmpty() ? null : rest.toString();
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
