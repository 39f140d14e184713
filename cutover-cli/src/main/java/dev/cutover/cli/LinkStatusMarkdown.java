package dev.cutover.cli;

import dev.cutover.inventory.report.Markdown;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.status.LinkStatusReport;
import dev.cutover.link.status.OpenSourceTransaction;
import dev.cutover.link.status.UnlinkableTopic;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code link status} as Markdown. */
final class LinkStatusMarkdown {
    private LinkStatusMarkdown() {}

    /**
     * Where the link runs, by its lease: a process on a host, or Kafka Connect, whose tasks each renew the lease (the
     * last renewal names one task and its worker).
     */
    private static String running(LinkState.Lease lease) {
        if (lease.instance().startsWith(dev.cutover.link.engine.HostedCopy.CONNECT_INSTANCE)) {
            String task = lease.instance().substring(dev.cutover.link.engine.HostedCopy.CONNECT_INSTANCE.length());
            int slash = task.lastIndexOf('/');
            String connector = slash < 0 ? task : task.substring(0, slash);
            return "**Running on Kafka Connect**, connector " + Markdown.code(connector) + " (last renewed by task "
                    + Markdown.text(slash < 0 ? "?" : task.substring(slash + 1)) + " on "
                    + Markdown.text(lease.host()) + "; manage it with `cutover link deploy`).";
        }
        return "**Running** on " + Markdown.text(lease.host()) + " (pid " + lease.pid() + ").";
    }

    static String render(LinkStatusReport report, long nowMs) {
        Markdown md = new Markdown().heading(1, "Link " + report.link());
        if (report.neverRan()) {
            return md.paragraph("*This link has never run against this target.* " + knownLinks(report))
                    .toString();
        }
        LinkState.Identity id = report.identity();
        md.paragraph("Source cluster " + Markdown.code(id.sourceClusterId()) + " → target cluster "
                + Markdown.code(id.targetClusterId()) + ", created " + Markdown.text(id.createdAt()) + ". "
                + (report.running() ? running(report.lease()) : "**Not running.**" + stopped(report.stopped())));
        if (report.stopRequest() != null) {
            md.paragraph(
                    "A stop is requested: " + Markdown.text(report.stopRequest().describe())
                            + "; the running instance stops at its next checkpoint.");
        }
        List<List<String>> rows = new ArrayList<>();
        for (LinkState.PartitionStatus p : report.partitions()) {
            rows.add(List.of(
                    Markdown.code(p.topic()),
                    String.valueOf(p.partition()),
                    p.state().word(),
                    String.valueOf(p.sourceEnd()),
                    String.valueOf(p.replicatedTo()),
                    String.valueOf(p.lagRecords()),
                    String.valueOf(p.lagMs()),
                    Markdown.text(why(p)),
                    ((nowMs - p.updatedAtMs()) / 1000) + " s ago"));
        }
        md.table(
                List.of(
                        "topic",
                        "partition",
                        "state",
                        "source end",
                        "copied up to",
                        "lag (records)",
                        "lag (ms)",
                        "why",
                        "updated"),
                rows);
        List<LinkState.PartitionStatus> waiting = report.partitions().stream()
                .filter(p -> p.state() == dev.cutover.link.state.PartitionState.WAITING)
                .toList();
        if (!waiting.isEmpty()) {
            md.paragraph("**" + waiting.size() + " partition(s) wait** at a record whose schema id the target registry"
                    + " is not known to resolve to the same schema (see *why*). Nothing at or after that record is"
                    + " copied until it does: run `cutover schemas sync` (or, where the target holds the schema under"
                    + " another id, set `schemaIds: rewrite` on the link and restart it). They go on by themselves.");
        }
        if (!report.unlinkableTopics().isEmpty()) {
            md.heading(2, "Topics the link cannot copy");
            md.table(
                    List.of("topic", "why"),
                    report.unlinkableTopics().stream()
                            .map((UnlinkableTopic t) -> List.of(Markdown.code(t.topic()), Markdown.text(t.reason())))
                            .toList());
        }
        if (!report.turnedAround().isEmpty()) {
            md.heading(2, "Turned around");
            md.paragraph(
                    "Their writers moved to the target; the link's process copies what they write there back to the"
                            + " source (its reverse copy " + Markdown.code(report.link() + "-reverse")
                            + ", whose state is on"
                            + " the source), from where each partition was taken over:");
            md.table(
                    List.of("topic", "taken over at (source ↔ target)", "asked by", "since"),
                    report.turnedAround().stream()
                            .map(r -> List.of(
                                    Markdown.code(r.topic()),
                                    Markdown.text(String.join(
                                            ", ",
                                            r.ends().stream()
                                                    .map(e -> e.partition() + ": " + e.sourceEnd() + " ↔ "
                                                            + e.targetEnd())
                                                    .toList())),
                                    Markdown.text(r.requestedBy()),
                                    Instant.ofEpochMilli(r.atMs()).toString()))
                            .toList());
        }
        md.heading(2, "Source transactions open on linked partitions");
        if (report.openSourceTransactions() == null) {
            md.paragraph("*Unknown: " + Markdown.text(report.openSourceTransactionsUnknown()) + ".*");
        } else if (report.openSourceTransactions().isEmpty()) {
            md.paragraph("None: every record written to the linked partitions so far is committed or aborted.");
        } else {
            Instant now = Instant.ofEpochMilli(nowMs);
            md.paragraph("Their records are copied only once they commit: at cutover they are neither on the"
                    + " target nor final on the source. Let them finish (or their producers time them out) first.");
            md.table(
                    List.of("transactional id", "open since", "for", "partitions"),
                    report.openSourceTransactions().stream()
                            .map(o -> List.of(
                                    Markdown.code(o.transactionalId()),
                                    o.startedAt() == null ? "?" : o.startedAt(),
                                    age(o, now),
                                    String.join(
                                            ", ",
                                            o.partitions().stream()
                                                    .map(Markdown::code)
                                                    .toList())))
                            .toList());
        }
        return md.toString();
    }

    /** {@code links on this target: a, b} or that there are none: a misspelled --name is the usual cause. */
    static String knownLinks(LinkStatusReport report) {
        return report.linksOnTarget().isEmpty()
                ? "No link has state on this target."
                : "Links on this target: " + String.join(", ", report.linksOnTarget()) + ".";
    }

    private static String stopped(LinkState.Stopped s) {
        return s == null
                ? ""
                : " Stopped cleanly at " + Markdown.text(s.stoppedAt()) + " on " + Markdown.text(s.host()) + " (pid "
                        + s.pid() + "): " + Markdown.text(s.reason()) + ".";
    }

    /** The error that stopped the partition, and any warning about its copy (which the partition goes on with). */
    private static String why(LinkState.PartitionStatus p) {
        List<String> parts = new ArrayList<>();
        if (p.reason() != null) {
            parts.add(p.reason());
        }
        if (p.warning() != null) {
            parts.add("warning: " + p.warning());
        }
        return String.join("; ", parts);
    }

    private static String age(OpenSourceTransaction o, Instant now) {
        if (o.startedAt() == null) {
            return "?";
        }
        try {
            return Duration.between(Instant.parse(o.startedAt()), now).toSeconds() + " s";
        } catch (DateTimeParseException e) {
            return "?";
        }
    }
}
