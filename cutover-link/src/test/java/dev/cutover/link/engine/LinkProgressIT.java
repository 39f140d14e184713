package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.await;
import static dev.cutover.link.engine.LinkHarness.produce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a running link says of its progress at each checkpoint: what it copied and what is left add up to the source
 * at every checkpoint with known ends, it is caught up only when nothing is left, and {@link LinkHandle#progress()} is
 * the last checkpoint's.
 */
@ExtendWith(ClustersExtension.class)
class LinkProgressIT {
    @Test
    void copiedAndRemainingAddUpToTheSourceAtEveryCheckpointAndCaughtUpMeansNothingLeft(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given 2 x 3,000 plain records (one offset each) on the source
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic("lp", 2, (short) 1))).all().get();
        }
        produce(s, "lp", 0, "a", 3_000);
        produce(s, "lp", 1, "a", 3_000);
        LinkSettings settings =
                LinkSettings.defaults("progress").include("lp").lease(Duration.ofMillis(1500), Duration.ofMillis(200));
        List<LinkProgress> seen = new CopyOnWriteArrayList<>();
        List<LinkEvent> events = new CopyOnWriteArrayList<>();

        // When the link copies them, and 500 more written while it runs
        try (LinkHandle link = LinkHarness.start(s, t, settings, event -> {
            events.add(event);
            if (event instanceof LinkEvent.Checkpoint checkpoint) {
                seen.add(checkpoint.progress());
            }
        })) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            await(link, () -> seen.stream().anyMatch(p -> p.caughtUp() && p.copied() == 6_000));
            produce(s, "lp", 0, "b", 500);
            await(link, () -> seen.stream().anyMatch(p -> p.caughtUp() && p.copied() == 6_500));

            // Then the handle's progress is the last checkpoint's
            assertThat(link.progress()).contains(seen.get(seen.size() - 1));
        }

        // And at every checkpoint with every end known, copied and remaining add up to the source's offsets read
        // then (6,000 before the second write, 6,500 once a checkpoint read it: never between, never more)
        List<LinkProgress> known =
                seen.stream().filter(p -> p.remaining().isPresent()).toList();
        assertThat(known).isNotEmpty();
        assertThat(known).allSatisfy(p -> {
            assertThat(p.partitions()).isEqualTo(2);
            assertThat(p.copied() + p.remaining().getAsLong()).isIn(6_000L, 6_500L);
        });
        // And the link's own "caught up" follows only a checkpoint whose progress found nothing left
        assertThat(events).anyMatch(e -> e instanceof LinkEvent.CaughtUp);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof LinkEvent.CaughtUp) {
                assertThat(events.get(i - 1)).isInstanceOfSatisfying(LinkEvent.Checkpoint.class, c -> assertThat(
                                c.progress().caughtUp())
                        .isTrue());
            }
        }
    }
}
