package dev.cutover.readiness.evidence;

import dev.cutover.readiness.Area;
import dev.cutover.readiness.Versions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Where and when evidence is being taken: the command, cutover's version, host, user and time. Commands make one and
 * stamp each evidence record they write with it.
 */
public record Provenance(String producedBy, String cutoverVersion, String host, String user, Instant at) {
    public Provenance {
        Objects.requireNonNull(producedBy, "producedBy");
        Objects.requireNonNull(cutoverVersion, "cutoverVersion");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
    }

    /** This process, now. */
    public static Provenance here(String producedBy, Clock clock) {
        return new Provenance(
                producedBy,
                Versions.cutover(),
                hostName(),
                System.getProperty("user.name", "unknown"),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }

    public Evidence evidence(
            String kind,
            String workload,
            Area area,
            String by,
            String targetClusterId,
            Evidence.Result result,
            Map<String, String> details,
            String file,
            String fileSha256) {
        return evidence(kind, workload, area, by, targetClusterId, result, details, file, fileSha256, false);
    }

    /** As above; {@code preview} marks a record of what a command saw without doing it (see {@link Evidence}). */
    public Evidence evidence(
            String kind,
            String workload,
            Area area,
            String by,
            String targetClusterId,
            Evidence.Result result,
            Map<String, String> details,
            String file,
            String fileSha256,
            boolean preview) {
        return new Evidence(
                Evidence.SCHEMA_VERSION,
                kind,
                workload,
                area,
                producedBy,
                cutoverVersion,
                host,
                user,
                by,
                at.toString(),
                targetClusterId,
                result,
                details,
                file,
                fileSha256,
                preview);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
