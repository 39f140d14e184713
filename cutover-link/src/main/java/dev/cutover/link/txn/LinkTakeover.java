package dev.cutover.link.txn;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.engine.Takeover;
import java.time.Duration;
import java.util.Map;

/**
 * The link's {@link Takeover}: commits what a crashed or paused previous instance left open (see {@link
 * TransactionTakeover}), and says so (nothing when nothing was open, which it only logs); refuses to go on while another instance is demonstrably running.
 */
public final class LinkTakeover implements Takeover {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LinkTakeover.class);

    @Override
    public String adopt(Map<String, Object> targetProps, String transactionalId, Duration timeout) {
        StringBuilder said = new StringBuilder();
        short transactionVersion = TransactionTakeover.transactionVersion(targetProps, timeout);
        if (transactionVersion < 2) {
            said.append("warning: the target's transaction.version is ")
                    .append(transactionVersion)
                    .append(" (below 2): a paused previous instance that wakes during a takeover can leave one"
                            + " transaction of aborted records; upgrade the target's transaction.version to 2\n");
        }
        TakeoverResult result = TransactionTakeover.adopt(targetProps, transactionalId, timeout);
        if (result instanceof TakeoverResult.Committed c) {
            said.append("took over: committed the previous instance's open transaction (producer ")
                    .append(c.producerId())
                    .append(", epoch ")
                    .append(c.producerEpoch())
                    .append(") on ")
                    .append(c.partitions().size())
                    .append(" partition(s)");
        } else if (result instanceof TakeoverResult.AbortedBeforeTakeover a) {
            said.append("warning: ").append(a.warning());
        } else if (result instanceof TakeoverResult.ConcurrentInstance c) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "another instance of this link is running and writing (" + c.detail() + ")",
                    "stop that instance first; a link runs in one place at a time");
        } else if (result instanceof TakeoverResult.NothingOpen n) {
            // Routine (every fresh start and clean restart): internal detail for the log, not a line for the user.
            log.info("previous transaction: {}", n.detail());
        }
        return said.toString().strip();
    }
}
