package dev.cutover.doctor;

import java.time.Instant;
import java.util.List;

/**
 * What {@code cutover doctor} found, per profile. Its JSON form is documented in {@code docs/doctor.md}.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param cutoverVersion the version of cutover that checked
 * @param checkedAt when
 * @param profiles in the order of cutover.yaml
 */
public record DoctorReport(int schemaVersion, String cutoverVersion, Instant checkedAt, List<ProfileReport> profiles) {
    public static final int SCHEMA_VERSION = 1;

    public DoctorReport {
        profiles = List.copyOf(profiles);
    }

    /** How many checks have this status, over every profile. */
    public long count(Check.Status status) {
        return profiles.stream()
                .flatMap(p -> p.checks().stream())
                .filter(c -> c.status() == status)
                .count();
    }

    /** 1 when any check failed, else 0: warnings and unknowns are listed, they do not fail the run. */
    public int exitCode() {
        return count(Check.Status.FAIL) > 0 ? 1 : 0;
    }
}
