package dev.cutover.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Keeps a command in the foreground until SIGINT or SIGTERM, so that it can close what it started and exit 0: a
 * stop requested by the user is a clean stop, not a failure. Falls back to waiting for interruption where signals
 * cannot be handled.
 */
final class Foreground {
    private static final Logger log = LoggerFactory.getLogger(Foreground.class);

    private Foreground() {}

    /** Blocks until SIGINT or SIGTERM arrives; returns the signal's name. */
    static String awaitStopSignal() {
        CountDownLatch stop = new CountDownLatch(1);
        String[] received = {"interrupt"};
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    received[0] = "SIG" + signal.getName();
                    stop.countDown();
                });
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{} here: {}", name, e.toString());
            }
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return received[0];
    }
}
