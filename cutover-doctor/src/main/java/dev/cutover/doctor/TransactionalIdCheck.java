package dev.cutover.doctor;

import dev.cutover.config.ClusterConnection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;

/**
 * The link's transactional id on the target. The link needs WRITE on it, which no read-only request reveals; DESCRIBE
 * (implied by WRITE) does: refused means WRITE is missing too, granted leaves WRITE unknown.
 */
final class TransactionalIdCheck {
    private final ClusterConnection c;
    private final Access access;

    TransactionalIdCheck(ClusterConnection c, Access access) {
        this.c = c;
        this.access = access;
    }

    Check check(String name, String transactionalId) {
        if (!access.authorizer()) {
            return Check.pass(name, transactionalId + " (no authorizer)");
        }
        try {
            c.admin()
                    .describeTransactions(List.of(transactionalId))
                    .all()
                    .get(c.profile().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionalIdAuthorizationException) {
                return Check.fail(
                        name,
                        "no DESCRIBE on TRANSACTIONAL_ID " + transactionalId + ", so no WRITE either (`link start`"
                                + " stops with exit 3)",
                        "grant the target profile's principal WRITE on TRANSACTIONAL_ID " + transactionalId);
            }
            if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                return Check.unknown(name, "describing " + transactionalId + " failed: " + e.getCause(), "");
            }
        } catch (TimeoutException e) {
            return Check.unknown(name, "describing " + transactionalId + " got no answer in time", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.unknown(name, "interrupted", "");
        }
        return Check.unknown(
                name,
                "DESCRIBE on TRANSACTIONAL_ID " + transactionalId + " is granted; WRITE cannot be checked without"
                        + " writing (`link start` stops at once with exit 3 without it)",
                "make sure the principal holds WRITE on TRANSACTIONAL_ID " + transactionalId);
    }
}
