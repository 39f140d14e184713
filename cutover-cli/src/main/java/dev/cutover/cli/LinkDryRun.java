package dev.cutover.cli;

import dev.cutover.inventory.report.Markdown;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.SecuritySync;
import dev.cutover.link.sync.SyncReport;
import dev.cutover.link.sync.TopicSelection;
import dev.cutover.link.sync.TopicSync;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/** What {@code link start --dry-run} shows: the topic plan for the target, nothing applied. */
final class LinkDryRun {
    private LinkDryRun() {}

    static String render(Map<String, Object> source, Map<String, Object> target, LinkSettings settings) {
        try (Admin s = Admin.create(source);
                Admin t = Admin.create(target)) {
            TopicSync topics = new TopicSync(
                    s, t, new TopicSelection(settings.include(), settings.exclude(), Set.of()), settings.timeout());
            var plan = topics.plan();
            SyncReport report = topics.dryRun(plan);
            List<String> security = settings.syncSecurity()
                    ? SecuritySync.run(s, t, plan.syncedTopics(), settings.principalMapping(), settings.timeout(), true)
                    : List.of("ACL and quota sync is off (--no-security-sync)");
            return new Markdown()
                    .heading(1, "Link " + settings.topics().link() + ": dry run")
                    .paragraph("Nothing was changed. This is what `link start` would do to the target's topics:")
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
        }
    }
}
