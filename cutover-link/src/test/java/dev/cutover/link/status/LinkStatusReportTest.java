package dev.cutover.link.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit decision of {@code link status} and its JSON field names, which scripts rely on. */
class LinkStatusReportTest {
    @Test
    void aStoppedPartitionOrAnUnlinkableTopicIsAnErrorAndAWarningIsNot() {
        LinkStatusReport healthy = report(List.of(partition(PartitionState.CAUGHT_UP, null, "lagged")), List.of());
        LinkStatusReport stopped = report(
                List.of(partition(PartitionState.RUNNING, null, null), partition(PartitionState.ERROR, "gone", null)),
                List.of());
        LinkStatusReport unlinkable = report(
                List.of(partition(PartitionState.CAUGHT_UP, null, null)),
                List.of(new UnlinkableTopic("scale.7", "PolicyViolationException: excessively large batch")));

        assertThat(healthy.anyError()).isFalse();
        assertThat(stopped.anyError()).isTrue();
        assertThat(stopped.stoppedPartitions())
                .extracting(LinkState.PartitionStatus::reason)
                .containsExactly("gone");
        assertThat(unlinkable.anyError()).isTrue();
    }

    @Test
    void jsonHasTheDocumentedVersionOneFieldsAndNoOthers() {
        LinkStatusReport report = report(
                List.of(partition(PartitionState.CAUGHT_UP, null, null)), List.of(new UnlinkableTopic("t", "why")));

        JsonNode json = new ObjectMapper().valueToTree(report);

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "version",
                        "link",
                        "running",
                        "identity",
                        "lease",
                        "partitions",
                        "openSourceTransactions",
                        "openSourceTransactionsUnknown",
                        "unlinkableTopics",
                        "stopped",
                        "stopRequest",
                        "linksOnTarget",
                        "turnedAround");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("partitions").get(0).get("state").asText()).isEqualTo("caught-up");
        assertThat(json.get("unlinkableTopics").get(0).get("reason").asText()).isEqualTo("why");
    }

    @Test
    void unlinkableTopicsComeFromTheLinksStateSortedByName() {
        LinkState.Snapshot state = new LinkState.Snapshot(
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Map.of(),
                java.util.Map.of(
                        "scale.9", new LinkState.TopicStatus(1, "scale.9", "refused: too many partitions", 5),
                        "scale.1", new LinkState.TopicStatus(1, "scale.1", "conflicts: cleanup.policy", 7)));

        assertThat(LinkStatusQuery.unlinkable(state))
                .containsExactly(
                        new UnlinkableTopic("scale.1", "conflicts: cleanup.policy"),
                        new UnlinkableTopic("scale.9", "refused: too many partitions"));
    }

    private static LinkStatusReport report(List<LinkState.PartitionStatus> partitions, List<UnlinkableTopic> topics) {
        return new LinkStatusReport(
                LinkStatusReport.VERSION,
                "default",
                false,
                new LinkState.Identity(1, "default", "src", "tgt", "2026-12-01T00:00:00Z"),
                null,
                partitions,
                List.of(),
                null,
                topics);
    }

    private static LinkState.PartitionStatus partition(PartitionState state, String reason, String warning) {
        return new LinkState.PartitionStatus(1, "orders", 0, "id", state, reason, 10, 10, 0, 0, 0, warning, null);
    }
}
