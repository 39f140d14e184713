package dev.cutover.cli;

import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.link.deploy.ConnectUrl;
import dev.cutover.link.deploy.ConnectorPlan;
import dev.cutover.link.deploy.ConnectorStatus;
import dev.cutover.link.deploy.LinkDeployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code link deploy} prints: Markdown for people, or the JSON document of docs/connect-deploy.md (version 1).
 * The configuration is always shown redacted ({@link ConnectorPlan#shown()}).
 */
final class LinkDeployRendering {
    static final int VERSION = 1;
    static final String KIND = "link-deploy";

    /** The JSON document, one for a dry run, a deployment and a deletion. */
    record DeployDoc(
            int version,
            String kind,
            String link,
            String connector,
            String connect,
            String kafkaClusterId,
            String action,
            String outcome,
            String connectorState,
            String detail,
            List<TaskDoc> tasks,
            Map<String, String> config,
            List<String> providers,
            List<String> paths,
            List<String> notes) {}

    record TaskDoc(int id, String state, String workerId, String trace) {}

    private final OutputFormat format;
    private final Path workspace;

    LinkDeployRendering(OutputFormat format, Path workspace) {
        this.format = format;
        this.workspace = workspace;
    }

    String dryRun(ConnectorPlan plan, Optional<ConnectUrl> url) {
        if (format == OutputFormat.JSON) {
            return ReportFiles.json(doc(plan.link(), plan.connector(), url, null, "dry-run", Optional.of(plan)));
        }
        Markdown md = new Markdown()
                .heading(1, "Link " + plan.link() + ": connector " + plan.connector() + " (dry run)")
                .paragraph("Nothing was submitted. `link deploy` would create or update connector "
                        + Markdown.code(plan.connector())
                        + url.map(u -> " on the Kafka Connect workers at " + Markdown.code(u.shown()))
                                .orElse("")
                        + " with this configuration (secret values redacted):")
                .table(
                        List.of("key", "value"),
                        plan.shown().entrySet().stream()
                                .map(e -> List.of(Markdown.code(e.getKey()), Markdown.code(e.getValue())))
                                .toList());
        return needs(md, plan).toString();
    }

    String result(LinkDeployment.Result r, ConnectUrl url, Optional<ConnectorPlan> plan) {
        if (format == OutputFormat.JSON) {
            return ReportFiles.json(doc(r.link(), r.connector(), Optional.of(url), r, word(r.action()), plan));
        }
        Markdown md = new Markdown()
                .heading(1, "Link " + r.link() + ": connector " + r.connector())
                .paragraph(Markdown.text(sentence(r, url)));
        r.detail().ifPresent(d -> md.paragraph("**" + word(r.outcome()) + "**: " + Markdown.text(d)));
        r.status()
                .ifPresent(s -> md.table(
                        List.of("task", "state", "worker", "trace (first line)"),
                        s.tasks().stream()
                                .map(t -> List.of(
                                        Integer.toString(t.id()),
                                        t.state().name(),
                                        Markdown.code(t.workerId()),
                                        Markdown.text(t.trace().orElse(""))))
                                .toList()));
        if (r.action() != LinkDeployment.Action.DELETED) {
            md.paragraph("Follow the link with "
                    + Markdown.code("cutover link status --workspace " + workspace + " --name " + r.link())
                    + ": it reads the link's state on the target, wherever the link runs.");
        } else {
            md.paragraph("The link's state and offset map on the target stay: a later `link deploy` resumes where it"
                    + " stopped, and so does `link start` once the tasks' lease has expired; `link delete` removes"
                    + " them.");
        }
        if (!r.succeeded()) {
            plan.ifPresent(p -> needs(md, p));
        }
        return md.toString();
    }

    private static String sentence(LinkDeployment.Result r, ConnectUrl url) {
        String where = "the Kafka Connect workers at " + url.shown() + " (Connect "
                + r.worker().version() + ", Kafka cluster " + r.worker().kafkaClusterId() + ", the workspace's target)";
        String done = r.action() == LinkDeployment.Action.DELETED ? "Deleted from " : capitalised(r.action()) + " on ";
        return switch (r.outcome()) {
            case RUNNING ->
                done + where + "; the connector and its "
                        + r.status().map(s -> s.tasks().size()).orElse(0) + " task(s) run";
            case DELETED -> done + where;
            default ->
                done + where + ", but "
                        + (r.action() == LinkDeployment.Action.DELETED
                                ? "the workers still report it"
                                : "it does not run")
                        + r.status().map(s -> ": " + s.describe()).orElse("");
        };
    }

    private static String capitalised(Enum<?> value) {
        String word = word(value);
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static Markdown needs(Markdown md, ConnectorPlan plan) {
        List<String> needs = new ArrayList<>();
        needs.add("`exactly.once.source.support=enabled` in every worker's properties, and the cutover connector"
                + " plugin on every worker's `plugin.path` (docs/connect-deploy.md)");
        if (!plan.providers().isEmpty()) {
            needs.add("config providers named "
                    + String.join(
                            ", ", plan.providers().stream().map(Markdown::code).toList())
                    + " (`config.providers` in the worker properties): the configuration references secrets through"
                    + " them");
        }
        if (!plan.paths().isEmpty()) {
            needs.add("these files and directories, at the same paths: "
                    + String.join(
                            ", ", plan.paths().stream().map(Markdown::code).toList()));
        }
        plan.notes().forEach(n -> needs.add(Markdown.text(n)));
        return md.heading(2, "What the workers need").bullets(needs);
    }

    private static DeployDoc doc(
            String link,
            String connector,
            Optional<ConnectUrl> url,
            LinkDeployment.Result r,
            String action,
            Optional<ConnectorPlan> plan) {
        Optional<LinkDeployment.Result> result = Optional.ofNullable(r);
        Optional<ConnectorStatus> status = result.flatMap(LinkDeployment.Result::status);
        return new DeployDoc(
                VERSION,
                KIND,
                link,
                connector,
                url.map(ConnectUrl::shown).orElse(null),
                result.map(x -> x.worker().kafkaClusterId()).orElse(null),
                action,
                result.map(x -> word(x.outcome())).orElse(null),
                status.map(s -> s.state().name()).orElse(null),
                result.flatMap(LinkDeployment.Result::detail).orElse(null),
                status.map(s -> s.tasks().stream()
                                .map(t -> new TaskDoc(
                                        t.id(),
                                        t.state().name(),
                                        t.workerId(),
                                        t.trace().orElse(null)))
                                .toList())
                        .orElse(List.of()),
                plan.map(ConnectorPlan::shown).orElse(null),
                plan.map(p -> List.copyOf(p.providers())).orElse(List.of()),
                plan.map(p -> List.copyOf(p.paths())).orElse(List.of()),
                plan.map(ConnectorPlan::notes).orElse(List.of()));
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
