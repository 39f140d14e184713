package dev.cutover.orchestrator.journal;

import java.net.InetAddress;

/** Who acts, for the journal: {@code user@host pid N}. */
public final class Who {
    private Who() {}

    public static String current() {
        return System.getProperty("user.name", "unknown") + "@" + host() + " pid "
                + ProcessHandle.current().pid();
    }

    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
