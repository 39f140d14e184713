package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.engine.HostedCopy;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.status.LinkStatusReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkStatusMarkdownTest {
    private static LinkStatusReport running(String instance) {
        return running(instance, List.of());
    }

    private static LinkStatusReport running(String instance, List<LinkState.PartitionStatus> partitions) {
        return new LinkStatusReport(
                LinkStatusReport.VERSION,
                "orders",
                true,
                new LinkState.Identity(1, "orders", "src-id", "tgt-id", "2026-12-05T00:00:00Z"),
                new LinkState.Lease(1, instance, "worker-7.example", 4242, 1_000, 30_000),
                partitions,
                List.of(),
                null,
                List.of());
    }

    @Test
    void aLinkRunInProcessNamesItsHostAndPid() {
        String md = LinkStatusMarkdown.render(running("0b6e3c1e-uuid"), 2_000);

        assertThat(md).contains("**Running** on worker-7.example (pid 4242).").doesNotContain("Kafka Connect");
    }

    @Test
    void aLinkRunOnKafkaConnectNamesItsConnectorAndTheTaskThatRenewedTheLease() {
        String md = LinkStatusMarkdown.render(running(HostedCopy.CONNECT_INSTANCE + "cutover-link-orders/3"), 2_000);

        assertThat(md)
                .contains("**Running on Kafka Connect**, connector `cutover-link-orders` (last renewed by task 3 on"
                        + " worker-7.example; manage it with `cutover link deploy`).")
                .doesNotContain("pid");
    }

    @Test
    void aPartitionWaitingForASchemaIdShowsTheIdAndWhatToDo() {
        String reason = "waiting for schema id 42 at source offset 100: the value's schema id 42 is not in the id map";
        LinkState.PartitionStatus waiting = new LinkState.PartitionStatus(
                1,
                "orders",
                0,
                "id",
                dev.cutover.link.state.PartitionState.WAITING,
                reason,
                100,
                150,
                50,
                0,
                1_500,
                null,
                null);

        String md = LinkStatusMarkdown.render(running("uuid", List.of(waiting)), 2_000);

        assertThat(md)
                .contains("| waiting |")
                .contains(reason)
                .contains("**1 partition(s) wait**")
                .contains("cutover schemas sync");
    }
}
