package dev.cutover.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The read-only JSON API under {@code /api/}: {@code overview}, {@code estate}, {@code plan}, {@code readiness},
 * {@code links}, {@code waves} (docs/serve.md describes each). Every answer is computed when asked, from the workspace's
 * files and the link monitor's last poll; nothing is cached across requests but the links' history.
 */
final class ApiHandler extends Handler.Abstract {
    static final String PREFIX = "/api/";

    private final String workspaceName;
    private final WorkspaceViews views;
    private final LinkMonitor links;
    private final Clock clock;

    ApiHandler(String workspaceName, WorkspaceViews views, LinkMonitor links, Clock clock) {
        this.workspaceName = workspaceName;
        this.views = views;
        this.links = links;
        this.clock = clock;
    }

    /** The links part: every link as last polled, or why none is known yet. */
    record Links(boolean polled, long nowMs, java.util.List<LinkMonitor.LinkView> links) {}

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws JsonProcessingException {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        Object body =
                switch (path.substring(PREFIX.length())) {
                    case "overview" ->
                        Overview.of(
                                workspaceName,
                                clock.millis(),
                                views.estate(),
                                views.plan(),
                                views.readiness(),
                                links.links(),
                                views.waves());
                    case "estate" -> views.estate();
                    case "plan" -> views.plan();
                    case "readiness" -> views.readiness();
                    case "links" -> new Links(links.polledOnce(), clock.millis(), links.links());
                    case "waves" -> views.waves();
                    default -> null;
                };
        if (body == null) {
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.NOT_FOUND_404,
                    "no such API: the API is /api/overview, estate, plan, readiness, links, waves");
            return true;
        }
        byte[] json = WorkspaceViews.JSON.writeValueAsBytes(body);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, "HEAD".equals(request.getMethod()) ? null : ByteBuffer.wrap(json), callback);
        return true;
    }
}
