package dev.cutover.inventory.cluster;

import java.util.Objects;

/**
 * Something the scan could not see, recorded instead of failing the run. A scan with problems is incomplete in exactly
 * the places its problems name; a scan without problems saw everything the Admin API exposes.
 *
 * @param section which part of the inventory is incomplete: one of {@code cluster}, {@code topics}, {@code
 *     topicConfigs}, {@code logDirs}, {@code offsets}, {@code producers}, {@code groups}, {@code groupOffsets}, {@code
 *     acls}, {@code quotas}, {@code scramUsers}, {@code transactions}
 * @param subject the item concerned (a topic, {@code topic-partition}, group id or transactional id), or {@code *}
 *     when the whole section is affected
 * @param code a stable code: {@code DENIED} (authorization refused), {@code NOT_VISIBLE} (exists but cannot be
 *     described), {@code UNSUPPORTED} (the broker does not offer this API), {@code TIMEOUT}, or {@code ERROR} (any other
 *     failure, see the message)
 * @param message what happened, for people; never contains secrets
 * @param missingPermission the ACL that would fix a {@code DENIED} or {@code NOT_VISIBLE} problem, for example {@code
 *     DESCRIBE_CONFIGS on TOPIC orders}; {@code null} for other codes
 */
public record ScanProblem(String section, String subject, String code, String message, String missingPermission) {
    public static final String DENIED = "DENIED";
    public static final String NOT_VISIBLE = "NOT_VISIBLE";
    public static final String UNSUPPORTED = "UNSUPPORTED";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String ERROR = "ERROR";

    public ScanProblem {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
