package dev.cutover.doctor;

import java.util.List;

/**
 * The checks of one connection profile.
 *
 * @param profile the profile's name in cutover.yaml
 * @param role what the commands use it for: {@code source} (inventory, the link's source, offsets), {@code target}
 *     (the link's target, offsets) or {@code other} (inventory only)
 * @param bootstrap the profile's bootstrap servers, redacted
 * @param checks in the order they ran
 */
public record ProfileReport(String profile, String role, String bootstrap, List<Check> checks) {
    public ProfileReport {
        checks = List.copyOf(checks);
    }
}
