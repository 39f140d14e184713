package dev.cutover.inventory.cluster;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Collects what the scan could not see, and waits on Admin futures turning their failures into {@link ScanProblem}s.
 * Thread-safe.
 */
final class Problems {
    private final List<ScanProblem> problems = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Deadline deadline;
    private final List<String> secrets;

    Problems(Deadline deadline, List<String> secrets) {
        this.deadline = deadline;
        this.secrets = secrets;
    }

    Deadline deadline() {
        return deadline;
    }

    /**
     * Waits for a future until the scan's deadline. On failure records a problem about {@code subject} in {@code
     * section} and returns empty; {@code permission} names the ACL that an authorization failure lacks.
     */
    <T> Optional<T> await(Future<T> future, String section, String subject, String permission) {
        try {
            return Optional.ofNullable(future.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.INTERNAL, "interrupted while scanning", null, e);
        } catch (java.util.concurrent.TimeoutException e) {
            add(section, subject, ScanProblem.TIMEOUT, "no answer before the scan's timeout", null);
            return Optional.empty();
        } catch (ExecutionException | CompletionException e) {
            record(section, subject, e.getCause() == null ? e : e.getCause(), permission);
            return Optional.empty();
        }
    }

    /** Records a failure, classified by its type. */
    void record(String section, String subject, Throwable failure, String permission) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof AuthorizationException) {
            add(section, subject, ScanProblem.DENIED, message, permission);
        } else if (cause instanceof UnsupportedVersionException) {
            add(section, subject, ScanProblem.UNSUPPORTED, message, null);
        } else if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            add(section, subject, ScanProblem.TIMEOUT, message, null);
        } else {
            add(section, subject, ScanProblem.ERROR, message, null);
        }
    }

    synchronized void add(String section, String subject, String code, String message, String permission) {
        // One problem per section, subject and code: a denied topic must not repeat for each of its partitions.
        if (!seen.add(section + '\u0000' + subject + '\u0000' + code)) {
            return;
        }
        problems.add(new ScanProblem(section, subject, code, Principals.redact(message, secrets), permission));
    }

    synchronized List<ScanProblem> all() {
        List<ScanProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(ScanProblem::section).thenComparing(ScanProblem::subject));
        return sorted;
    }
}
