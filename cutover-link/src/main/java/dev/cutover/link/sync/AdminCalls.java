package dev.cutover.link.sync;

import dev.cutover.link.internal.AdminAwait;
import java.time.Duration;

/**
 * The sync's {@link AdminAwait}s, one per cluster, with what to grant when a cluster refuses: the module's one mapping
 * of Admin failures to {@link dev.cutover.api.CutoverException}s, with the sync's permission hints.
 */
final class AdminCalls {
    static final String SOURCE_HINT = "grant the sync's principal DESCRIBE and DESCRIBE_CONFIGS on the source's topics"
            + " (and DESCRIBE on its cluster, to copy ACLs and quotas)";
    static final String TARGET_HINT =
            "grant the sync's principal CREATE, ALTER and ALTER_CONFIGS on the target's topics"
                    + " (and ALTER on its cluster, to copy ACLs and quotas)";

    private AdminCalls() {}

    static AdminAwait source(Duration timeout) {
        return new AdminAwait("source", timeout, SOURCE_HINT);
    }

    static AdminAwait target(Duration timeout) {
        return new AdminAwait("target", timeout, TARGET_HINT);
    }
}
