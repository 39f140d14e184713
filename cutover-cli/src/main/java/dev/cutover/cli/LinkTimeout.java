package dev.cutover.cli;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.link.engine.LinkSettings;
import java.time.Duration;

/**
 * The link's timeout from the workspace's profiles: the longer of the source's and the target's {@code timeout}, so
 * that neither cluster gets less than its profile allows.
 */
final class LinkTimeout {
    private LinkTimeout() {}

    static Duration of(ConnectionProfile source, ConnectionProfile target) {
        return source.timeout().compareTo(target.timeout()) >= 0 ? source.timeout() : target.timeout();
    }

    /** The settings with {@code timeout} in place of their own. */
    static LinkSettings withTimeout(LinkSettings s, Duration timeout) {
        return s.timeout(timeout);
    }
}
