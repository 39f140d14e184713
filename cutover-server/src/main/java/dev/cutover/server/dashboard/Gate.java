package dev.cutover.server.dashboard;

import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of everything the dashboard serves: only {@code GET} and {@code HEAD} (it is read-only; anything else is
 * 405), the token when there is one ({@link Access}), and headers that keep the page to its own origin: no script,
 * style, image or connection from anywhere else (so nothing is fetched from the internet and injected markup cannot run
 * script), no framing, no referrer, no MIME sniffing.
 */
final class Gate extends Handler.Wrapper {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Optional<String> token;

    Gate(Optional<String> token, Handler handler) {
        super(handler);
        this.token = token;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        var headers = response.getHeaders();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            headers.put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "read-only");
            return true;
        }
        String cookie = Request.getCookies(request).stream()
                .filter(c -> Access.COOKIE.equals(c.getName()))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
        HttpURI uri = request.getHttpURI();
        switch (Access.decide(token, request.getHeaders().get(HttpHeader.AUTHORIZATION), cookie, uri.getQuery())) {
            case ALLOW -> {
                return super.handle(request, response, callback);
            }
            case SET_COOKIE_AND_REDIRECT -> {
                Response.addCookie(
                        response,
                        HttpCookie.build(Access.COOKIE, token.orElseThrow())
                                .path("/")
                                .httpOnly(true)
                                .sameSite(HttpCookie.SameSite.STRICT)
                                .build());
                String rest = Access.withoutToken(uri.getQuery());
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                // back to the same page, never elsewhere: "//host" would be another site's address
                String path = uri.getPath() == null || uri.getPath().startsWith("//") ? "/" : uri.getPath();
                Response.sendRedirect(request, response, callback, path + (rest == null ? "" : "?" + rest));
                return true;
            }
            default -> {
                headers.put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cutover\"");
                Response.writeError(
                        request,
                        response,
                        callback,
                        HttpStatus.UNAUTHORIZED_401,
                        "this dashboard needs its token: open it with ?token=... once, or send Authorization: Bearer");
                return true;
            }
        }
    }
}
