package dev.cutover.link.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.engine.HostedCopy;
import dev.cutover.link.state.LinkState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkDrainTest {
    private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);

    private static LinkState.Snapshot leasedBy(String instance, long renewedAtMs) {
        return new LinkState.Snapshot(
                Optional.empty(),
                Optional.of(new LinkState.Lease(1, instance, "worker-1", 7, renewedAtMs, 3_000)),
                Map.of());
    }

    @Test
    void aDrainOfALinkRunningOnKafkaConnectIsRefusedAtOnceWithWhatToDo() {
        var outcome = LinkDrain.onKafkaConnect(
                leasedBy(HostedCopy.CONNECT_INSTANCE + "cutover-link-orders/1", 9_000), "orders", NOW);

        assertThat(outcome).hasValueSatisfying(o -> assertThat(o)
                .isInstanceOfSatisfying(LinkDrain.Outcome.Refused.class, r -> assertThat(r.why())
                        .contains("runs on Kafka Connect (cutover-link-orders/1)")
                        .contains("cutover link deploy --delete")
                        .contains("cutover link start")));
    }

    @Test
    void aLinkRunningInProcessOrNotRunningIsAskedAsBefore() {
        assertThat(LinkDrain.onKafkaConnect(leasedBy("3f1c-uuid", 9_000), "orders", NOW))
                .isEmpty();
        // a connector whose tasks stopped renewing: the request waits in the state for the next start, as for any link
        assertThat(LinkDrain.onKafkaConnect(
                        leasedBy(HostedCopy.CONNECT_INSTANCE + "cutover-link-orders/1", 1_000), "orders", NOW))
                .isEmpty();
    }
}
