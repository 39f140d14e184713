package dev.cutover.cli;

import java.time.Duration;
import java.util.Map;

/** The link's takeover step; see {@link dev.cutover.link.txn.LinkTakeover}. */
final class LinkTakeover {
    private static final dev.cutover.link.txn.LinkTakeover TAKEOVER = new dev.cutover.link.txn.LinkTakeover();

    private LinkTakeover() {}

    static String adopt(Map<String, Object> target, String transactionalId, Duration timeout) {
        return TAKEOVER.adopt(target, transactionalId, timeout);
    }
}
