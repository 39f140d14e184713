package dev.cutover.link.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * The batched write's merging rules against a fake controller (pure logic: the call is a function from a batch to
 * futures). Real brokers are in {@code ManyPartitionsSyncIT}.
 */
class AdminBatchesTest {
    private static final AdminAwait TARGET = new AdminAwait("target", Duration.ofSeconds(5), "grant CREATE");

    /** A topic to create: its name and the controller records it needs. */
    private record Topic(String name, int records) {}

    /**
     * Answers like a KRaft controller with a limit of {@code limit} records per request: over it, every topic of the
     * request fails as too large and nothing is created; under it, topics named {@code taken.*} already exist.
     */
    private static final class FakeController implements Function<List<Topic>, Map<String, KafkaFuture<Void>>> {
        final int limit;
        final List<Integer> calls = new ArrayList<>();
        final List<String> created = new ArrayList<>();

        FakeController(int limit) {
            this.limit = limit;
        }

        @Override
        public Map<String, KafkaFuture<Void>> apply(List<Topic> batch) {
            calls.add(batch.size());
            int records = batch.stream().mapToInt(Topic::records).sum();
            Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
            for (Topic t : batch) {
                KafkaFutureImpl<Void> f = new KafkaFutureImpl<>();
                if (records > limit) {
                    f.completeExceptionally(
                            new PolicyViolationException("Unable to perform excessively large batch operation."));
                } else if (t.name().startsWith("taken.")) {
                    f.completeExceptionally(new TopicExistsException("Topic '" + t.name() + "' already exists."));
                } else {
                    created.add(t.name());
                    f.complete(null);
                }
                futures.put(t.name(), f);
            }
            return futures;
        }
    }

    @Test
    void fitsTheControllerAndKeepsEachTopicsOwnError() {
        // Given 600 topics of 21 records (12,600 in all), three of which already exist
        List<Topic> topics = IntStream.range(0, 600)
                .mapToObj(i -> new Topic((i % 250 == 7 ? "taken." : "scale.") + i, 21))
                .toList();
        FakeController controller = new FakeController(AdminLimits.CONTROLLER_RECORDS_PER_OPERATION);

        // When
        BatchResult<String> result =
                AdminBatches.write(TARGET, "create 600 topic(s)", topics, Topic::name, Topic::records, controller);

        // Then three calls within the budget, 597 created, and the three taken ones fail on their own with the reason
        assertThat(controller.calls).containsExactly(238, 238, 124);
        assertThat(result.succeeded()).hasSize(597).doesNotContain("taken.7", "taken.257", "taken.507");
        assertThat(result.failed()).containsOnlyKeys("taken.7", "taken.257", "taken.507");
        assertThat(BatchResult.text(result.failure("taken.257").orElseThrow()))
                .isEqualTo("TopicExistsException: Topic 'taken.257' already exists.");
        assertThat(controller.created).hasSize(597);
    }

    @Test
    void aControllerWithALowerLimitGetsHalvedBatchesUntilEverythingFits() {
        // Given a controller that takes 1,000 records a request, far below the budget of 5,000
        List<Topic> topics =
                IntStream.range(0, 100).mapToObj(i -> new Topic("t." + i, 41)).toList();
        FakeController controller = new FakeController(1_000);

        // When
        BatchResult<String> result =
                AdminBatches.write(TARGET, "create 100 topic(s)", topics, Topic::name, Topic::records, controller);

        // Then every topic is created, in order, after the refused batches were halved
        assertThat(result.failed()).isEmpty();
        assertThat(result.succeeded())
                .containsExactlyElementsOf(topics.stream().map(Topic::name).toList());
        assertThat(controller.created).containsExactlyElementsOf(result.succeeded());
        assertThat(controller.calls).startsWith(100, 50, 25, 12);
    }

    @Test
    void aSingleTopicOverTheLimitFailsWithItsRecordCountAndTheOthersAreCreated() {
        // Given a topic of 12,000 partitions between two small ones
        List<Topic> topics = List.of(new Topic("a", 3), new Topic("huge", 12_001), new Topic("b", 3));
        FakeController controller = new FakeController(AdminLimits.CONTROLLER_RECORDS_PER_OPERATION);

        // When
        BatchResult<String> result =
                AdminBatches.write(TARGET, "create 3 topic(s)", topics, Topic::name, Topic::records, controller);

        // Then
        assertThat(result.succeeded()).containsExactly("a", "b");
        assertThat(BatchResult.text(result.failure("huge").orElseThrow()))
                .startsWith("PolicyViolationException: Unable to perform excessively large batch operation.")
                .contains("about 12001 metadata records", "at most 10000 per operation");
    }

    @Test
    void aBatchWithoutAnyAnswerEndsTheCallAsUnreachable() {
        // Given a target that never answers
        AdminAwait impatient = new AdminAwait("target", Duration.ofMillis(50), "grant CREATE");
        List<Topic> topics = List.of(new Topic("a", 2), new Topic("b", 2));

        // When / Then
        assertThatThrownBy(
                        () -> AdminBatches.write(impatient, "create 2 topic(s)", topics, Topic::name, t -> 2, batch -> {
                            Map<String, KafkaFuture<Void>> never = new LinkedHashMap<>();
                            batch.forEach(t -> never.put(t.name(), new KafkaFutureImpl<>()));
                            return never;
                        }))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
                    assertThat(e.getMessage()).contains("target", "50 ms", "create 2 topic(s)");
                });
    }

    @Test
    void pagedReadsLeaveOutUnknownTopicsAndFailOnOtherErrors() {
        // Given a cluster that knows a and c but not b
        Function<List<String>, Map<String, KafkaFuture<String>>> describe = page -> {
            Map<String, KafkaFuture<String>> out = new LinkedHashMap<>();
            for (String name : page) {
                KafkaFutureImpl<String> f = new KafkaFutureImpl<>();
                if (name.equals("b")) {
                    f.completeExceptionally(new UnknownTopicOrPartitionException("no " + name));
                } else if (name.equals("broken")) {
                    f.completeExceptionally(new IllegalStateException("bad"));
                } else {
                    f.complete("description of " + name);
                }
                out.put(name, f);
            }
            return out;
        };

        // When / Then
        assertThat(AdminPages.perResource(TARGET, "describe", List.of("a", "b", "c"), 2, describe))
                .containsExactly(Map.entry("a", "description of a"), Map.entry("c", "description of c"));
        assertThatThrownBy(() -> AdminPages.perResource(TARGET, "describe", List.of("a", "broken"), 1, describe))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
                    assertThat(e.getMessage()).contains("page 2 of 2", "target");
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                });
    }
}
