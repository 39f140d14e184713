package dev.cutover.doctor;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Redactor;
import dev.cutover.config.Workspace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Preflight: checks, per connection profile of a workspace, what cutover's commands will need, and says what to fix
 * before anyone runs them. Read-only: it lists, describes and reads metadata, never writes to a cluster.
 *
 * <p>Per profile: whether a client can be made and the cluster answers (mechanism and principal named), the finalized
 * features ({@code transaction.version} 2 on the target for the link's zombie guarantee), each JMX URL and the
 * brokers' clocks through it, and cutover's own permissions against the README's tables, from the authorized
 * operations the cluster reports. The {@code source} profile is checked for the inventory, the link's source side and
 * {@code offsets}; the {@code target} profile for the link's target side (its topics, internal topics, transactional id
 * and free space) and {@code offsets sync}; any other profile for the inventory. What cannot be known without writing
 * (WRITE on a transactional id, CREATE on a topic that does not exist yet under a topic ACL) is reported as unknown
 * with the reason, never as a pass.
 */
public final class Doctor {
    static final String SOURCE = "source";
    static final String TARGET = "target";

    private final Clock clock;

    public Doctor(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks the named profiles (all of cutover.yaml's when {@code names} is empty).
     *
     * @throws CutoverException ({@code CONFIG_INVALID}, exit 2) for a name that is not a profile of the workspace
     */
    public DoctorReport check(Workspace ws, List<String> names) {
        List<String> chosen =
                names.isEmpty() ? List.copyOf(ws.config().clusters().keySet()) : names;
        List<ConnectionProfile> profiles = chosen.stream().map(ws::profile).toList();
        List<LinkConfig> links = ws.config().links().isEmpty()
                ? List.of(LinkConfig.named(LinkConfig.DEFAULT_NAME))
                : List.copyOf(ws.config().links().values());
        Optional<SourceFacts> source = Optional.empty();
        List<ProfileReport> reports = new ArrayList<>();
        // The target's link checks need the source's linked topics: the source is looked at first, also when it is
        // not one of the profiles asked for (then only its facts are kept, not its checks).
        if (ws.config().clusters().containsKey(SOURCE) && chosen.contains(TARGET) && !chosen.contains(SOURCE)) {
            source =
                    new ProfileCheck(ws.profile(SOURCE), SOURCE, links, Optional.empty(), clock).run(new ArrayList<>());
        }
        for (ConnectionProfile profile : sourceFirst(profiles)) {
            String role = role(profile.name());
            List<Check> checks = new ArrayList<>();
            Optional<SourceFacts> facts = new ProfileCheck(profile, role, links, source, clock).run(checks);
            if (role.equals(SOURCE)) {
                source = facts;
            }
            reports.add(
                    new ProfileReport(profile.name(), role, Redactor.redactText(profile.bootstrapServers()), checks));
        }
        // Back in cutover.yaml's order for the report.
        reports.sort(java.util.Comparator.comparingInt(r -> chosen.indexOf(r.profile())));
        return new DoctorReport(DoctorReport.SCHEMA_VERSION, version(), clock.instant(), reports);
    }

    private static List<ConnectionProfile> sourceFirst(List<ConnectionProfile> profiles) {
        List<ConnectionProfile> ordered = new ArrayList<>(profiles);
        ordered.sort(java.util.Comparator.comparingInt(p -> p.name().equals(SOURCE) ? 0 : 1));
        return ordered;
    }

    static String role(String profile) {
        return switch (profile) {
            case SOURCE -> SOURCE;
            case TARGET -> TARGET;
            default -> "other";
        };
    }

    private static String version() {
        return dev.cutover.api.CutoverVersion.current();
    }

    /** Closes a connection without letting a failure to close hide the report. */
    static void closeQuietly(ClusterConnection c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // nothing pending matters once the checks are done
        }
    }
}
