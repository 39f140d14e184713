package dev.cutover.sandbox.estate;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The one place that decides whether an estate client retries after an error or gives up and reports a problem.
 *
 * <p>Everything is retried (the client is recreated) except errors that cannot heal by themselves. Authentication and
 * authorization errors are retried during a grace period after start, because SCRAM credentials and ACLs reach the
 * brokers asynchronously; after it they are fatal. A client that fails {@link #RETRY_BUDGET} times in a row without
 * making progress is fatal too.
 */
final class Failures {
    static final Duration GRACE = Duration.ofSeconds(20);
    static final int RETRY_BUDGET = 30;

    private Failures() {}

    static boolean isFatal(Throwable error, Duration running) {
        Throwable e = unwrap(error);
        if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
            return running.compareTo(GRACE) > 0;
        }
        return e instanceof ProducerFencedException
                || e instanceof UnsupportedVersionException
                || e instanceof InvalidConfigurationException
                || e instanceof ConfigException
                || e instanceof SerializationException
                || e instanceof InvalidTopicException
                || (e instanceof KafkaException && e.getCause() instanceof ConfigException);
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
