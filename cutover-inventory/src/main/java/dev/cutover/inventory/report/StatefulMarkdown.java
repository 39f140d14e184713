package dev.cutover.inventory.report;

import static dev.cutover.inventory.report.Markdown.code;
import static dev.cutover.inventory.report.Markdown.text;

import dev.cutover.inventory.stateful.StatefulApps;
import java.util.List;

/** The inventory report's section on Kafka Streams applications and Kafka Connect clusters. */
final class StatefulMarkdown {
    private StatefulMarkdown() {}

    static void render(Markdown md, StatefulApps apps) {
        if (apps == null || (apps.streams().isEmpty() && apps.connect().isEmpty())) {
            return;
        }
        md.heading(2, "Stateful applications");
        md.paragraph("Their state lives in internal topics and group offsets that move together in a wave"
                + " (docs/waves.md). What the cluster cannot show is said: a Streams application's outputs come from"
                + " `writes:` in workloads.yaml, connectors from the workers' REST API (`connect:` in the profile).");
        if (!apps.streams().isEmpty()) {
            md.table(
                    List.of(
                            "Kafka Streams application",
                            "workload",
                            "members",
                            "reads",
                            "state stores (changelogs)",
                            "repartition topics",
                            "writes"),
                    apps.streams().stream()
                            .map(s -> List.of(
                                    code(s.applicationId()),
                                    s.workload() == null ? "none" : text(s.workload()),
                                    s.members() + " (" + text(s.state()) + ")",
                                    list(s.inputTopics()),
                                    s.stores().isEmpty() ? "none" : list(s.stores()),
                                    list(s.repartitionTopics()),
                                    s.outputTopics().isEmpty()
                                            ? text("unknown: " + s.outputsKnown())
                                            : list(s.outputTopics())))
                            .toList());
        }
        if (!apps.connect().isEmpty()) {
            md.table(
                    List.of(
                            "Kafka Connect cluster",
                            "workload",
                            "workers",
                            "internal topics",
                            "connectors",
                            "sink groups"),
                    apps.connect().stream()
                            .map(c -> List.of(
                                    code(c.groupId()),
                                    c.workload() == null ? "none" : text(c.workload()),
                                    c.workers() + " (" + text(c.state()) + ")",
                                    c.internalTopics().isEmpty() ? "not found by name" : list(c.internalTopics()),
                                    c.connectors().isEmpty()
                                            ? text("unknown: " + c.connectorsKnown())
                                            : text(String.join(
                                                    ", ",
                                                    c.connectors().stream()
                                                            .map(k -> k.name() + " (" + k.type() + ", " + k.state()
                                                                    + ", "
                                                                    + k.tasks().size() + " task(s))")
                                                            .toList())),
                                    c.sinkGroups().isEmpty() ? "none" : text(String.join(", ", c.sinkGroups()))))
                            .toList());
        }
    }

    private static String list(List<String> items) {
        return items.isEmpty()
                ? "none"
                : String.join(", ", items.stream().map(Markdown::code).toList());
    }
}
