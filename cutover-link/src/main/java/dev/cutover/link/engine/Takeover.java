package dev.cutover.link.engine;

import java.time.Duration;
import java.util.Map;

/**
 * What a starting link does before {@code initTransactions()}, which would abort the previous instance's open
 * transaction: complete that transaction instead, so that no aborted record is ever left on the target. Returns a
 * line for the user saying what it found and did, or an empty string when there is nothing worth telling (nothing was
 * open: routine internal detail, for the log).
 */
@FunctionalInterface
public interface Takeover {
    String adopt(Map<String, Object> targetProps, String transactionalId, Duration timeout);
}
