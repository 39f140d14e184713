package dev.cutover.inventory.report;

import static dev.cutover.inventory.report.Markdown.code;
import static dev.cutover.inventory.report.Markdown.text;

import dev.cutover.inventory.InventoryReport;
import java.util.ArrayList;
import java.util.List;

/** The inventory report's section on client software (KIP-511, from broker JMX) and whom it is attributed to. */
final class SoftwareMarkdown {
    private SoftwareMarkdown() {}

    static void render(Markdown md, InventoryReport r) {
        md.heading(2, "Client software (KIP-511, from broker JMX)");
        if (r.clientSoftware() == null) {
            md.paragraph(
                    "*No JMX URL in this profile: add `jmx:` to it in cutover.yaml to see client software names and"
                            + " versions.*");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        r.clientSoftware().endpoints().forEach(e -> e.listeners().forEach(l -> l.software()
                .forEach(s -> rows.add(List.of(
                        text(l.broker()),
                        text(l.listener()),
                        text(s.clientSoftwareName() + "/" + s.clientSoftwareVersion()),
                        String.valueOf(s.connections()))))));
        InventoryMarkdown.table(md, List.of("broker", "listener", "software", "connections"), rows);
        if (r.softwareAttribution() != null) {
            InventoryMarkdown.table(
                    md,
                    List.of("client id", "host", "software", "because"),
                    r.softwareAttribution().attributed().stream()
                            .map(a -> List.of(
                                    code(a.connection().clientId()),
                                    text(a.connection().host()),
                                    text(a.clientSoftwareName() + "/" + a.clientSoftwareVersion()),
                                    text(a.basis())))
                            .toList());
        }
    }
}
