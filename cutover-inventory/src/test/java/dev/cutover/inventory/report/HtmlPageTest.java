package dev.cutover.inventory.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlPageTest {

    @Test
    void rendersTablesAndEscapesHostileNames() {
        // Given a topic name full of markup, as a cluster may well hold
        String hostile = "<script>alert(1)</script>|*x*";
        String md = new Markdown()
                .heading(1, "Inventory of <source>")
                .table(List.of("topic", "partitions"), List.of(List.of(Markdown.text(hostile), "3")))
                .toString();

        // When
        String html = HtmlPage.render("Inventory <source>", md);

        // Then the table is a table, and no markup got through
        assertThat(html).contains("<table>", "<th>topic</th>", "<td>3</td>");
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(html).contains("<title>Inventory &lt;source&gt;</title>");
    }

    @Test
    void codeSpansCannotBeBrokenOutOf() {
        assertThat(Markdown.code("a`b|c")).isEqualTo("`a'b¦c`");
        assertThat(Markdown.text("a_b*c (x)")).isEqualTo("a\\_b\\*c (x)");
    }

    @Test
    void emptyTablesSayNone() {
        assertThat(new Markdown().table(List.of("a"), List.of()).toString()).contains("*(none)*");
    }
}
