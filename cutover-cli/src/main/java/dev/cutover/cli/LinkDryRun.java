package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.inventory.report.Markdown;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.SecuritySync;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.sync.SyncReport;
import dev.cutover.link.sync.TopicSelection;
import dev.cutover.link.sync.TopicSync;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * What {@code link start --dry-run} shows: the link's internal topics and transactional id, the topic plan for the
 * target and the ACLs and quotas it would copy; nothing applied.
 */
final class LinkDryRun {
    private LinkDryRun() {}

    static String render(Map<String, Object> source, Map<String, Object> target, LinkSettings settings) {
        try (Admin s = Admin.create(source);
                Admin t = Admin.create(target)) {
            TopicSync topics = new TopicSync(
                    s,
                    t,
                    new TopicSelection(settings.include(), settings.exclude(), settings.alsoInclude()),
                    settings.timeout());
            var plan = topics.plan();
            SyncReport report = topics.dryRun(plan);
            List<String> security = settings.syncSecurity()
                    ? SecuritySync.run(s, t, plan.syncedTopics(), settings.principalMapping(), settings.timeout(), true)
                    : List.of("ACL and quota sync is off (--no-security-sync)");
            Set<String> existing = t.listTopics().names().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Markdown()
                    .heading(1, "Link " + settings.topics().link() + ": dry run")
                    .paragraph("Nothing was changed. `link start` would keep its state in these internal topics on the"
                            + " target, written by the transactional id "
                            + Markdown.code(settings.topics().transactionalId()) + ":")
                    .table(
                            List.of("internal topic", "action", "detail"),
                            settings.topics().internalTopics().stream()
                                    .map(name -> List.of(
                                            Markdown.code(name),
                                            existing.contains(name) ? "exists" : "create",
                                            existing.contains(name)
                                                    ? "kept: the link resumes from what it holds"
                                                    : Markdown.text("1 partition, the target's default replication"
                                                            + " factor, " + configs())))
                                    .toList())
                    .paragraph("This is what `link start` would do to the target's topics:")
                    .table(
                            List.of("topic", "action", "detail"),
                            report.items().stream()
                                    .map(i -> List.of(
                                            Markdown.code(i.subject()),
                                            i.outcome().name().toLowerCase(),
                                            Markdown.text(i.detail())))
                                    .toList())
                    .heading(2, "ACLs and quotas")
                    .bullets(security.stream().map(line -> Markdown.text(line)).toList())
                    .toString();
        } catch (ExecutionException e) {
            // A client failure (unreachable, denied) is classified by the exit-code handler.
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new CutoverException(Reason.CLUSTER_UNREACHABLE, "cannot list the target's topics: " + e, null);
        } catch (TimeoutException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "the target did not list its topics within "
                            + settings.timeout().toSeconds() + " s",
                    "check that the target runs and is reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted", null);
        }
    }

    private static String configs() {
        return new java.util.TreeMap<>(LinkTopics.INTERNAL_TOPIC_CONFIGS)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "));
    }
}
